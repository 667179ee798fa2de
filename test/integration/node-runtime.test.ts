import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { projectRoot } from '../../src/shared/project-root.js';
import { freePort } from '../support/database-server.js';

const major = (version: string) => Number(/^v?(\d+)/.exec(version)?.[1]);

/** Starts the server in its own process, as an operator would; resolves its listening line. */
function startServer(env: Record<string, string>) {
  const root = projectRoot();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/server.ts')], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const listening = new Promise<Record<string, unknown>>((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const line = output.split('\n').find((l) => l.includes('Mentoring Circles listening'));
      if (line) resolve(JSON.parse(line) as Record<string, unknown>);
    });
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => reject(new Error(`server exited (${code}) early:\n${output}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { child, listening, exited };
}

describe('Node 24 runtime', function () {
  this.timeout(90_000);

  it('when the suite runs, then it runs on the Node major that package.json requires', async () => {
    const pkg = JSON.parse(await readFile(path.join(projectRoot(), 'package.json'), 'utf8')) as {
      engines: { node: string };
      devDependencies: Record<string, string>;
    };
    expect(major(pkg.engines.node.replace('>=', ''))).to.equal(24);
    expect(major(pkg.devDependencies.node!.replace('^', '')), 'the node package').to.equal(24);
    expect(major(process.version)).to.be.at.least(24);
  });

  it('when the server starts, then its listening line names the Node it runs on', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'mc-runtime-'));
    const port = await freePort();
    const server = startServer({ PORT: `${port}`, DATA_DIR: dataDir, LOG_LEVEL: 'info' });
    try {
      const line = await server.listening;
      expect(line.node).to.equal(process.version);
      expect(String(line.msg)).to.contain(`(Node ${process.version})`);
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).to.equal(200);
      server.child.kill('SIGTERM');
      expect(await server.exited).to.equal(0);
    } finally {
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
