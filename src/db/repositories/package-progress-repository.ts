import type { ProgressFactsStore } from '../../delivery/package-progress.js';
import type { Db } from '../connection.js';
import { gradedParticipants } from './score-facts-repository.js';
import { readGradeSettings } from './score-outbox-repository.js';

/** The grade facts of one participant, counted exactly as the Grades page counts them. */
export function createProgressFactsStore(db: Db): ProgressFactsStore {
  return {
    async factsOf(tenantId, programId, userId) {
      const participant = await db
        .selectFrom('participants')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('program_id', '=', programId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      if (!participant) return undefined;
      const [graded] = await gradedParticipants(db, tenantId, programId, [participant.id]);
      if (!graded) return undefined;
      return {
        facts: graded.facts,
        settings: (await readGradeSettings(db, tenantId, programId)) ?? null,
      };
    },
  };
}
