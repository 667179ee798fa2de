import { expect } from 'chai';
import type { ParticipantView } from '../../../src/mentoring/roster/participant-ports.js';
import { participantsCsv } from '../../../src/web/view-models/participant-rows.js';

const buildParticipant = (overrides: Partial<ParticipantView> = {}): ParticipantView => ({
  id: 'p1', userId: 'u1', name: 'Ada Lovelace', email: 'ada@example.test', programRole: 'mentee', mentorNomination: 'none', status: 'active',
  attention: null, source: 'roster', joinedAt: new Date('2027-01-02T10:00:00Z'), lastActivityAt: null, profileCompleteness: null, circleName: null, ...overrides,
});

describe('participants CSV', () => {
  it('when exported, then there is a header and one quoted row per participant', () => {
    const lines = participantsCsv([buildParticipant(), buildParticipant({ name: 'Grace "Amazing" Hopper', status: 'inactive' })]).replace('\uFEFF', '').trim().split('\r\n');
    expect(lines).to.have.length(3);
    expect(lines[0]).to.match(/^"Name","Email","Program role"/);
    expect(lines[2]).to.contain('"Grace ""Amazing"" Hopper"').and.to.contain('"inactive"');
  });

  it('when a name starts like a spreadsheet formula, then it is neutralised', () => {
    const csv = participantsCsv([buildParticipant({ name: '=HYPERLINK("http://evil")' }), buildParticipant({ name: '@SUM(A1)', email: '+1 555' })]);
    expect(csv).to.contain(`"'=HYPERLINK(""http://evil"")"`).and.to.contain(`"'@SUM(A1)"`).and.to.contain(`"'+1 555"`);
  });
});
