/** Tables of programs, participants and roster (issue 3 onwards). */
export interface MentoringTables {}
