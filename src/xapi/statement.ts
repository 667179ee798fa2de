/** The subset of xAPI 1.0.3 statements the tool emits. @see https://github.com/adlnet/xAPI-Spec/blob/master/xAPI-Data.md#statements */
export type LanguageMap = Record<string, string>;

export interface Agent {
  objectType: 'Agent';
  name?: string;
  account?: { homePage: string; name: string };
  mbox?: string;
}

export interface Activity {
  objectType: 'Activity';
  id: string;
  definition: { type: string; name: LanguageMap };
}

export interface Result {
  completion?: boolean;
  success?: boolean;
  duration?: string;
  score?: { raw: number; min: number; max: number; scaled?: number };
}

export interface Context {
  registration: string;
  instructor?: Agent;
  platform?: string;
  language: string;
  contextActivities: { parent: Activity[]; grouping: Activity[]; category: Activity[]; other?: Activity[] };
  extensions: Record<string, unknown>;
}

export interface Statement {
  id: string;
  actor: Agent;
  verb: { id: string; display: LanguageMap };
  object: Activity | Agent;
  result?: Result;
  context: Context;
  timestamp: string;
}
