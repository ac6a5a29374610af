import type { RagSchemeInput } from './rag-scheme.schema.js';

/** Bristol's five-colour scheme, in its own words (seed 001, "RAG Table"). */
export const BRISTOL_FIVE_COLOUR: RagSchemeInput = {
  key: 'bristol-five-colour',
  name: 'Red, Amber, Green, Grey, Blue (Bristol)',
  statuses: [
    {
      code: 'RED',
      label: 'Red',
      colour: 'red',
      meaning: 'Tasks and or outcomes have not been met or timescale slipped',
      category: 'off-track',
    },
    {
      code: 'AMBER',
      label: 'Amber',
      colour: 'orange',
      meaning: 'Tasks and outcomes are on track, milestones met but full action(s) not completed',
      category: 'on-track',
    },
    {
      code: 'GREEN',
      label: 'Green',
      colour: 'green',
      meaning: 'Tasks and outcomes are completed or performance is on target',
      category: 'complete',
    },
    {
      code: 'GREY',
      label: 'Grey',
      colour: 'grey',
      meaning: 'Not yet started',
      category: 'not-started',
    },
    { code: 'BLUE', label: 'Blue', colour: 'blue', meaning: 'Completed', category: 'complete' },
  ],
};

/** A plain Red/Amber/Green scheme. */
export const RED_AMBER_GREEN: RagSchemeInput = {
  key: 'red-amber-green',
  name: 'Red, Amber, Green',
  statuses: [
    {
      code: 'RED',
      label: 'Red',
      colour: 'red',
      meaning: 'Off track: not met or timescale slipped',
      category: 'off-track',
    },
    {
      code: 'AMBER',
      label: 'Amber',
      colour: 'orange',
      meaning: 'Some risk to delivery; in progress',
      category: 'at-risk',
    },
    {
      code: 'GREEN',
      label: 'Green',
      colour: 'green',
      meaning: 'On track or complete',
      category: 'on-track',
    },
  ],
};

/** Schemes every council can use without defining its own. */
export const BUILT_IN_SCHEMES: readonly RagSchemeInput[] = [BRISTOL_FIVE_COLOUR, RED_AMBER_GREEN];
