import { profileDocument } from './profile-document.js';

/** `npx tsx src/xapi/profile/print-profile.ts > docs/xapi-profile.jsonld` after changing the vocabulary. */
process.stdout.write(`${JSON.stringify(profileDocument(), null, 2)}\n`);
