import type { ExpressionBuilder } from 'kysely';
import type { CourseRef } from '../../mentoring/programs/ports.js';
import type { Database } from '../schema.js';

/** `program_id in (this program, if it belongs to this course)`: the tenant and course scope of program-owned rows. */
export const programOfCourse = (course: CourseRef, programId: string) => (eb: ExpressionBuilder<Database, keyof Database>) =>
  eb.selectFrom('programs').select('programs.id').where('programs.id', '=', programId)
    .where('programs.tenant_id', '=', course.tenantId).where('programs.course_id', '=', course.courseId);
