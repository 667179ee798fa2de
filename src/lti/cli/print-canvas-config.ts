import { canvasToolConfiguration } from '../canvas-config.js';

/** Prints the Canvas developer-key JSON for a host: `npm run lti-config -- https://mentoring.example.edu`. */
const publicUrl = (process.argv[2] ?? process.env.PUBLIC_URL ?? '').replace(/\/+$/, '');
if (!/^https?:\/\/[^/]+/.test(publicUrl)) {
  process.stderr.write('Usage: npm run lti-config -- https://your-tool-host [> lti-config.json]\n');
  process.exit(2);
}
process.stdout.write(`${JSON.stringify(canvasToolConfiguration(publicUrl, process.env.TOOL_NAME ?? 'Mentoring Circles'), null, 2)}\n`);
