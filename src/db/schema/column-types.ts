import type { ColumnType } from 'kysely';

export type CreatedAt = ColumnType<Date, Date | undefined, never>;
export type UpdatedAt = ColumnType<Date, Date | undefined, Date>;
/** jsonb: read as parsed value, written as a JSON string. */
export type Json<T> = ColumnType<T, string, string>;
