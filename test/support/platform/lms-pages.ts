import type express from 'express';

/**
 * Moodle 4.5's pages around a launch, for a real browser: the activity page that frames the
 * launch and answers the LTI platform storage messages, and the launch page that starts a new
 * login (a new login_hint and lti_message_hint each time).
 * @see https://www.imsglobal.org/spec/lti-pm-s/v0p1
 */

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * The LMS side of platform storage: one store per tool origin, kept by the page that frames the
 * tool (it stays while the frame navigates). `?storage=drop` answers nothing, as an LMS without
 * platform storage.
 */
const PLATFORM_STORAGE_JS = `
(function () {
  var stores = {};
  var mode = new URLSearchParams(location.search).get('storage');
  window.addEventListener('message', function (event) {
    var d = event.data;
    if (mode === 'drop' || !d || typeof d !== 'object' || typeof d.subject !== 'string') return;
    var store = stores[event.origin] = stores[event.origin] || {};
    function reply(fields) {
      var answer = { subject: d.subject + '.response', message_id: d.message_id };
      Object.keys(fields).forEach(function (k) { answer[k] = fields[k]; });
      event.source.postMessage(answer, event.origin);
    }
    if (d.subject === 'lti.capabilities') {
      reply({ supported_messages: [{ subject: 'lti.put_data' }, { subject: 'lti.get_data' }] });
    } else if (d.subject === 'lti.put_data') {
      store[d.key] = d.value;
      reply({ key: d.key, value: d.value });
    } else if (d.subject === 'lti.get_data') {
      if (Object.prototype.hasOwnProperty.call(store, d.key)) reply({ key: d.key, value: store[d.key] });
      else reply({ key: d.key, error: { code: 'not_found', message: 'No value for this key' } });
    }
  });
})();
`;

/** Canvas answers platform storage in a named frame on its OIDC auth origin, not the page. */
export const STORAGE_FRAME = 'post_message_forwarding';

/**
 * The activity page (`/mod/lti/view.php?id=<cmid>`): the launch in an 800 × 600 frame.
 * `storage=frame`: like Canvas, only a frame named `post_message_forwarding` answers.
 */
export function mountActivityPage(app: express.Express): void {
  app.get('/lms/platform-storage.js', (_req, res) => void res.type('js').send(PLATFORM_STORAGE_JS));
  app.get('/lms/storage-frame', (_req, res) => void res.type('html').send('<script src="/lms/platform-storage.js"></script>'));
  app.get('/mod/lti/view.php', (req, res) => {
    const id = String(req.query.id ?? '');
    if (!/^\d+$/.test(id)) return void res.status(400).send('invalid id');
    const inFrame = req.query.storage === 'frame';
    const launchQuery = req.query.storage === 'none' ? '&nostorage=1' : inFrame ? `&target=${STORAGE_FRAME}` : '';
    const storage = inFrame
      ? `<iframe name="${STORAGE_FRAME}" src="/lms/storage-frame" hidden></iframe>`
      : '<script src="/lms/platform-storage.js"></script>';
    res.type('html').send(`<!doctype html><html><head><title>Activity</title></head><body>
<h1>Course activity</h1>
<iframe id="contentframe" name="contentframe" width="800" height="600" src="/mod/lti/launch.php?id=${id}${launchQuery}"></iframe>
${storage}
</body></html>`);
  });
}

/** The auto-submitting login initiation Moodle's `/mod/lti/launch.php` answers with. */
export function loginInitiationPage(loginUrl: string, params: Record<string, string>): string {
  const fields = Object.entries(params)
    .map(([name, value]) => `<input type="hidden" name="${escapeAttribute(name)}" value="${escapeAttribute(value)}">`)
    .join('');
  return `<!doctype html><form id="f" method="post" action="${escapeAttribute(loginUrl)}">${fields}</form><script>document.getElementById('f').submit()</script>`;
}
