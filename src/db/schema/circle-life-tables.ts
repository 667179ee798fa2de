/** Learning contracts, goals, milestones, meetings, feedback, close-out survey (issue 4). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CircleLifeTables {}
