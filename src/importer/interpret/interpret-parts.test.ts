import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { amountsPence, noCostAnswer } from './costs.js';
import { headerMap } from './headers.js';
import { parseLeads } from './leads.js';
import { directionOf, measureKey, targetValue } from './measures.js';
import { personalDataReason } from './personal-data.js';
import { ragCode } from './rag.js';
import { readNarrative } from './narrative.js';
import { joinText } from './text-join.js';

describe('interpret parts', () => {
  it('splits leads on slashes and between two full names, keeping role titles whole', () => {
    assert.deepEqual(
      parseLeads('Pete Campbell/Bev Coles/Mel Argles').map((l) => l.name),
      ['Pete Campbell', 'Bev Coles', 'Mel Argles'],
    );
    assert.deepEqual(
      parseLeads('Jean Pollard Angela Clarke').map((l) => l.name),
      ['Jean Pollard', 'Angela Clarke'],
    );
    assert.deepEqual(parseLeads('Head of Referral, Assessment and Intervention'), [
      { name: 'Head of Referral, Assessment and Intervention', kind: 'role' },
    ]);
    assert.deepEqual(parseLeads('Rashida Baig (PSW)'), [
      { name: 'Rashida Baig (PSW)', kind: 'person' },
    ]);
    assert.equal(parseLeads('CSE Sub-Group of BSCB')[0]?.kind, 'board');
    assert.equal(parseLeads('Leaving Care Team')[0]?.kind, 'team');
    assert.equal(parseLeads('Sally Lewis BSCB Chair')[0]?.kind, 'role');
  });

  it('reads several roles or teams in one cell as several leads, and never a piece with no letters', () => {
    const names = (cell: string) => parseLeads(cell).map((l) => l.name);
    assert.deepEqual(names('Youth Workers, IROs and Family Support Team'), [
      'Youth Workers',
      'IROs',
      'Family Support Team',
    ]);
    assert.deepEqual(names('Practice Leads & QA Panel'), ['Practice Leads', 'QA Panel']);
    // One title, one person with a role, and a shared noun stay whole.
    assert.deepEqual(names('Head of Early Help, Youth and Family'), [
      'Head of Early Help, Youth and Family',
    ]);
    assert.deepEqual(names('All Senior and Team Managers'), ['All Senior and Team Managers']);
    assert.deepEqual(names('Omar Shah, Head of Service'), ['Omar Shah, Head of Service']);
    assert.deepEqual(names('funding would span 2023/24'), []);
  });

  it('reads "no additional cost" and its kin as an answer, not a missing amount', () => {
    assert.equal(noCostAnswer('No additional cost'), 'only');
    assert.equal(noCostAnswer('Nil.'), 'only');
    assert.equal(noCostAnswer('Within existing resources'), 'only');
    assert.equal(noCostAnswer('N/A'), 'only');
    assert.equal(noCostAnswer('No extra cost if the HR team can help'), 'with words');
    assert.equal(noCostAnswer('TBC'), null);
    assert.equal(noCostAnswer('As above'), null);
    assert.equal(noCostAnswer('Nothing agreed yet'), null);
  });

  it('rejoins cut words but not whole ones', () => {
    assert.equal(joinText('clear contingenc', 'ies.'), 'clear contingencies.');
    assert.equal(
      joinText('Lesley Hutchinson/Ric', 'hard Baldwin'),
      'Lesley Hutchinson/Richard Baldwin',
    );
    assert.equal(joinText('complete care', 'leaver list'), 'complete care leaver list');
    assert.equal(joinText('By', 'December 2017'), 'By December 2017');
  });

  it('recognises header rows by their words', () => {
    assert.ok(
      headerMap([
        'Action',
        'By When?',
        'By Whom?',
        'RAG',
        'Status Update',
        'Cost/Resources required',
      ]),
    );
    assert.ok(
      headerMap([
        'Ref',
        'Action',
        'Outcome',
        'Improvement Measure',
        'Lead(s)',
        'Date Due',
        'Status',
      ]),
    );
    assert.equal(headerMap(['1.1', 'Complete pathway plans', 'Ann James']), null);
  });

  it('reads RAG words into the scheme codes', () => {
    const codes = new Set(['RED', 'AMBER', 'GREEN', 'BLUE']);
    assert.equal(ragCode('A', codes), 'AMBER');
    assert.equal(ragCode('Completed', codes), 'BLUE');
    assert.equal(ragCode('green', codes), 'GREEN');
    assert.equal(ragCode('Yellow', codes), null);
  });

  it('reads measures: target, direction and staging key', () => {
    assert.equal(targetValue('Caseloads reduce to 25 per FTE'), 25);
    assert.equal(targetValue("Over 60% of cases are 'good'"), 60);
    assert.equal(directionOf('Lose touch with no more than 10% of care leavers'), 'lower');
    assert.equal(directionOf('90% of care leavers have a pathway plan'), 'higher');
    // "or less" qualifies how often, not the figure: still higher is better.
    assert.equal(
      directionOf('90% of pathway plans are reviewed on a six monthly basis or less'),
      'higher',
    );
    assert.equal(directionOf('Caseloads below 18 per social worker'), 'lower');
    assert.equal(directionOf('Increase the share of visits on time to at least 95%'), 'higher');
    assert.equal(
      measureKey("Over 60% of cases are 'good'"),
      measureKey("Over 80% of cases are 'good'"),
    );
  });

  it('reads pound amounts in pence', () => {
    assert.deepEqual(amountsPence('£25,000 and £48K'), [2_500_000, 4_800_000]);
  });

  it('spots personal data about a child', () => {
    assert.ok(personalDataReason('Jane Smith DOB 01/02/2010'));
    assert.ok(personalDataReason('NHS 943 476 5919'));
    assert.equal(personalDataReason('Contact 0117 903 7940'), null);
  });
});

describe('readNarrative: inspection dates stated in prose', () => {
  const facts = (...texts: string[]) =>
    readNarrative(texts.map((text, i) => ({ text, where: { line: i + 1 } }))).inspection;

  it('takes published and received dates only when a full date is written', () => {
    const i = facts(
      'Services were inspected by Ofsted between 3 October and 27 October 2016.',
      'The report was published on 25 November 2016 and the council received the report on 25 November 2016.',
    );
    assert.equal(i?.startedOn, '2016-10-03');
    assert.equal(i?.publishedOn, '2016-11-25');
    assert.equal(i?.receivedOn, '2016-11-25');
    const monthOnly = facts(
      'Services were inspected between 1st and 22nd October 2014. The report was published by Ofsted in December 2014.',
    );
    assert.equal(monthOnly?.publishedOn, null);
  });

  it('takes the date of the report as its publication, even with no inspection dates', () => {
    const i = facts(
      'This plan answers the recommendations made by Ofsted in their report dated 4th March 2021.',
    );
    assert.equal(i?.publishedOn, '2021-03-04');
    assert.equal(i?.receivedOn, null);
    assert.equal(i?.startedOn, null);
    assert.equal(facts('Progress will be reported dated monthly.'), null);
  });
});
