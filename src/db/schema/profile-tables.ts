/** Profiles, skill taxonomy, matching settings and proposals (issue 4). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ProfileTables {}
