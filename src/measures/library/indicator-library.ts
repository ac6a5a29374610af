// The standard children's social care indicators that improvement plans usually track,
// with the definitions the Department for Education's statistical collections use. A plan
// adopts one as a measure and adapts it (its name, targets, a local range). Sources are the
// collections whose definitions these follow; councils usually report them monthly or
// quarterly from their own case-recording system between the annual returns.

export interface Indicator {
  /** A stable key for the address of "Add to this plan". */
  key: string;
  name: string;
  definition: string;
  unit: string;
  direction: 'higher' | 'lower' | 'range';
  rangeLow: number | null;
  rangeHigh: number | null;
  frequency: 'monthly' | 'quarterly' | 'annually';
  /** Where the definition usually comes from: a DfE statistical collection, or local records. */
  source: string;
  group: string;
}

const CIN = 'Children in need census (DfE)';
const SSDA903 = 'SSDA903 children looked after return (DfE)';
const WORKFORCE = 'Children’s social work workforce census (DfE)';
const pct = { unit: '%', rangeLow: null, rangeHigh: null };

export const INDICATORS: readonly Indicator[] = [
  {
    key: 'assessments-45-days',
    group: 'Help and protection',
    name: 'Assessments completed within 45 working days',
    definition:
      'Children’s social care assessments completed in the period within 45 working days of their start, as a percentage of all assessments completed in the period.',
    ...pct,
    direction: 'higher',
    frequency: 'monthly',
    source: CIN,
  },
  {
    key: 'icpc-15-days',
    group: 'Help and protection',
    name: 'Initial child protection conferences within 15 working days of the strategy discussion',
    definition:
      'Initial child protection conferences held in the period within 15 working days of the strategy discussion that began the section 47 enquiry, as a percentage of all initial conferences held.',
    ...pct,
    direction: 'higher',
    frequency: 'monthly',
    source: CIN,
  },
  {
    key: 're-referrals-12-months',
    group: 'Help and protection',
    name: 'Re-referrals within 12 months',
    definition:
      'Referrals in the period about a child who had been referred within the 12 months before, as a percentage of all referrals in the period.',
    ...pct,
    direction: 'lower',
    frequency: 'monthly',
    source: CIN,
  },
  {
    key: 'repeat-cp-plans',
    group: 'Help and protection',
    name: 'Child protection plans for a second or later time',
    definition:
      'Children who became the subject of a child protection plan in the period for the second or a later time, as a percentage of all children who became the subject of a plan.',
    ...pct,
    direction: 'lower',
    frequency: 'monthly',
    source: CIN,
  },
  {
    key: 'cp-plans-2-years',
    group: 'Help and protection',
    name: 'Child protection plans lasting two years or more',
    definition:
      'Child protection plans that ended in the period after lasting two years or more, as a percentage of all plans that ended in the period.',
    ...pct,
    direction: 'lower',
    frequency: 'quarterly',
    source: CIN,
  },
  {
    key: 'placement-stability-short',
    group: 'Children in care',
    name: 'Placement stability: three or more placements in the year',
    definition:
      'Children looked after with three or more placements in the last 12 months, as a percentage of all children looked after.',
    ...pct,
    direction: 'lower',
    frequency: 'quarterly',
    source: SSDA903,
  },
  {
    key: 'placement-stability-long',
    group: 'Children in care',
    name: 'Placement stability: in the same placement for two years',
    definition:
      'Children under 16 looked after for two and a half years or more who have lived in the same placement for at least two years, or are placed for adoption, as a percentage of all such children.',
    ...pct,
    direction: 'higher',
    frequency: 'quarterly',
    source: SSDA903,
  },
  {
    key: 'pep-completion',
    group: 'Children in care',
    name: 'Personal education plans up to date',
    definition:
      'Children looked after of statutory school age with a personal education plan reviewed within the last term, as a percentage of all such children.',
    ...pct,
    direction: 'higher',
    frequency: 'quarterly',
    source:
      'Usually local: the virtual school’s records (there is no national return for PEP completion)',
  },
  {
    key: 'care-leavers-eet',
    group: 'Care leavers',
    name: 'Care leavers in education, employment or training',
    definition:
      'Care leavers aged 19 to 21 in education, employment or training around their birthday, as a percentage of all care leavers of those ages.',
    ...pct,
    direction: 'higher',
    frequency: 'quarterly',
    source: SSDA903,
  },
  {
    key: 'care-leavers-in-touch',
    group: 'Care leavers',
    name: 'Care leavers the council is in touch with',
    definition:
      'Care leavers aged 19 to 21 with whom the council was in touch around their birthday, as a percentage of all care leavers of those ages.',
    ...pct,
    direction: 'higher',
    frequency: 'quarterly',
    source: SSDA903,
  },
  {
    key: 'care-leavers-accommodation',
    group: 'Care leavers',
    name: 'Care leavers in suitable accommodation',
    definition:
      'Care leavers aged 19 to 21 whose accommodation was judged suitable around their birthday, as a percentage of all care leavers of those ages.',
    ...pct,
    direction: 'higher',
    frequency: 'quarterly',
    source: SSDA903,
  },
  {
    key: 'caseloads',
    group: 'Workforce',
    name: 'Average caseload per social worker',
    definition:
      'Cases held by children’s social workers divided by the number of full-time equivalent case-holding social workers. The range is a local choice: 15 to 18 is an example to adapt.',
    unit: 'cases',
    direction: 'range',
    rangeLow: 15,
    rangeHigh: 18,
    frequency: 'monthly',
    source: WORKFORCE,
  },
  {
    key: 'agency-rate',
    group: 'Workforce',
    name: 'Agency social workers',
    definition:
      'Full-time equivalent agency children’s social workers as a percentage of all full-time equivalent children’s social workers (agency and employed).',
    ...pct,
    direction: 'lower',
    frequency: 'monthly',
    source: WORKFORCE,
  },
  {
    key: 'turnover',
    group: 'Workforce',
    name: 'Social worker turnover',
    definition:
      'Full-time equivalent children’s social workers who left in the last 12 months, as a percentage of full-time equivalent social workers in post.',
    ...pct,
    direction: 'lower',
    frequency: 'monthly',
    source: WORKFORCE,
  },
  {
    key: 'vacancy-rate',
    group: 'Workforce',
    name: 'Social worker vacancy rate',
    definition:
      'Full-time equivalent social worker vacancies as a percentage of all full-time equivalent social worker posts (vacancies and filled posts).',
    ...pct,
    direction: 'lower',
    frequency: 'monthly',
    source: WORKFORCE,
  },
];

/** The indicator with this key, if the library has it. */
export const indicatorOf = (key: string): Indicator | undefined =>
  INDICATORS.find((i) => i.key === key);

/** The measure a plan adopts from an indicator, to adapt in the measure form. */
export function measureFrom(indicator: Indicator) {
  return {
    ref: null,
    name: indicator.name,
    unit: indicator.unit,
    direction: indicator.direction,
    rangeLow: indicator.rangeLow,
    rangeHigh: indicator.rangeHigh,
    frequency: indicator.frequency,
    lead: null,
    baseline: null,
    targets: [],
    actionIds: [],
    recommendationIds: [],
  };
}
