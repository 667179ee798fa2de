import type { ParticipantView } from '../../mentoring/roster/participant-ports.js';

export const ROLE_LABELS = { mentee: 'Mentee', mentor: 'Mentor', both: 'Peer (mentor and mentee)' } as const;

const date = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '');

export function participantRow(p: ParticipantView) {
  return {
    id: p.id, name: p.name, email: p.email, role: ROLE_LABELS[p.programRole], programRole: p.programRole,
    nominated: p.mentorNomination === 'nominated', active: p.status === 'active', attention: p.attention,
    source: p.source === 'roster' ? 'LMS roster' : 'Launched', joined: date(p.joinedAt), lastActivity: date(p.lastActivityAt) || 'Never',
    profile: p.profileCompleteness === null ? 'Not started' : `${p.profileCompleteness}%`, circle: p.circleName ?? 'Not matched yet',
  };
}

/** A CSV cell: quoted, and never starting like a formula (spreadsheet injection). */
function cell(value: string | null): string {
  const text = value ?? '';
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function participantsCsv(participants: ParticipantView[]): string {
  const header = ['Name', 'Email', 'Program role', 'Mentor nomination', 'Status', 'Needs attention', 'Source', 'Joined', 'Last activity', 'Profile', 'Circle'];
  const lines = participants.map((p) => {
    const r = participantRow(p);
    return [r.name, r.email, r.role, p.mentorNomination, p.status, r.attention, r.source, r.joined, r.lastActivity, r.profile, r.circle].map(cell).join(',');
  });
  return `\uFEFF${[header.map(cell).join(','), ...lines].join('\r\n')}\r\n`;
}
