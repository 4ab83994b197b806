// The browser personaliser's derivation against the same vectors and messages as the Swift
// library. Run with `node --test Tests/JavaScript` (make test does).
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const repository = path.join(__dirname, '..', '..');
const { derive, runbookFile, renderCommand, pathParts } = require(path.join(repository, 'Templates', 'site', 'personalize.js'));
const read = (file) => JSON.parse(fs.readFileSync(path.join(repository, file), 'utf8'));

const regions = read('Templates/regions.json').regions;
const messages = read('Tests/Snapshots/scim-url-messages.json');

for (const file of ['scim-url.json', 'scim-url-edge-cases.json']) {
  const vectors = read(path.join('Tests', 'Fixtures', file));

  test(`${file}: ships the region table the vectors were written for`, () => {
    assert.deepEqual(Object.fromEntries(regions.map((r) => [r.key, r.host])), vectors.regions);
  });

  for (const vector of vectors.cases) {
    test(`${file}: ${vector.name}`, () => {
      const result = derive(vector.input, regions);
      if (vector.error) {
        assert.equal(result.error, vector.error, result.message);
        assert.equal(result.message, messages[`${file}/${vector.name}`], 'the message differs from the Swift library');
      } else {
        assert.equal(result.error, undefined, result.message);
        assert.equal(result.scim, vector.scim);
        assert.equal(result.region, vector.region);
        assert.equal(result.tenant, vector.tenant);
      }
    });
  }
}

test('every error message of the vectors is checked', () => {
  const errors = ['scim-url.json', 'scim-url-edge-cases.json']
    .flatMap((file) => read(path.join('Tests', 'Fixtures', file)).cases.filter((c) => c.error).map((c) => `${file}/${c.name}`));
  assert.deepEqual(errors.sort(), Object.keys(messages).sort());
});

test('a long, hostile value is quoted like Swift quotes it: escapes, then cut in the middle', () => {
  const result = derive({ url: '\u001b[31m' + 'x'.repeat(200) + '\u202e' }, regions);
  assert.equal(result.error, 'not-a-url');
  assert.match(result.message, /^‘\\u\{1b\}\[31mx{30}…x{31}\\u\{202e\}’ is not a URL/);
});

// The downloads' bytes are compared with runbook render's in Chromium (Tests/EndToEnd/test_downloads.py);
// these are the page's decisions around them.
const downloads = {
  sourceDateEpoch: 1764374400, regions: ['us-1'], onPremises: ['acme'],
  markdown: ['tenant: ', { value: 'tenantID' }, '\n', { customer: ['customer: ', { value: 'customerJSON' }, '\n'] },
    { noCustomer: ['no customer\n'] }, { customer: ['**', { value: 'customerMarkdown' }, '**\n'] }],
  html: ['<title>', { customer: [{ value: 'customerTitle' }] }, '</title><p>', { customer: [{ value: 'customerHTML' }] }, '</p>'],
};
const tenant = { region: 'us-1', tenant: '16f982b7-17fa-4c6c-a17b-9e7e018d42c0' };

test('a download fills every hole as the library escapes it there, after cleaning the name as the CLI does', () => {
  const name = '  \u202eO\'Brien & <Sons> *1* "x"\r\n ';
  assert.deepEqual(runbookFile(downloads, regions, tenant, name, 'markdown'), {
    name: 'runbook.md',
    text: 'tenant: 16f982b7-17fa-4c6c-a17b-9e7e018d42c0\ncustomer: "\uFFFDO\'Brien \\u0026 \\u003CSons\\u003E *1* \\"x\\""\n' +
      '**\uFFFDO\'Brien & \\<Sons> \\*1\\* "x"**\n',
  });
  assert.equal(runbookFile(downloads, regions, tenant, name, 'html').text,
    '<title>\uFFFDO&#39;Brien &amp; &lt;Sons&gt; *1* &quot;x&quot;</title><p>\uFFFDO\'Brien &amp; &lt;Sons&gt; *1* &quot;x&quot;</p>');
  assert.equal(runbookFile(downloads, regions, tenant, ' \t ', 'markdown').text,
    'tenant: 16f982b7-17fa-4c6c-a17b-9e7e018d42c0\nno customer\n');
});

test('a region the site could not reproduce is refused, not approximated, with the reason that applies', () => {
  const hosted = runbookFile(downloads, regions, { region: 'uk-1', tenant: tenant.tenant }, 'Acme', 'html');
  assert.equal(hosted.error, 'not-reproducible');
  assert.equal(hosted.message, 'this site cannot write the runbook of region uk-1 exactly as runbook render does: ' +
    'this site\'s templates write a value where the page cannot fill it in. Run runbook render instead.');
  const onPremises = runbookFile(downloads, regions, { region: 'acme', tenant: tenant.tenant }, 'Acme', 'html');
  assert.equal(onPremises.error, 'not-reproducible');
  assert.match(onPremises.message, /region acme .*: an on-premises region's runbook has a section of its own\. Run runbook render with the regions file instead\.$/);
});

test('the command quotes for a POSIX shell, keeps a leading dash a value, and names a site\'s own templates', () => {
  const url = 'https://api.us-1.veritone.com/v1/admin/scim/' + tenant.tenant;
  assert.equal(renderCommand(downloads, url, ' -Acme O\'Brien '),
    `SOURCE_DATE_EPOCH=1764374400 runbook render '${url}' --customer='-Acme O'\\''Brien' --format html,md`);
  assert.equal(renderCommand(downloads, url, ''), `SOURCE_DATE_EPOCH=1764374400 runbook render '${url}' --format html,md`);
  assert.equal(renderCommand({ ...downloads, templates: '/srv/my templates' }, url, ''),
    `SOURCE_DATE_EPOCH=1764374400 runbook render '${url}' --templates='/srv/my templates' --format html,md`);
});

// The same cuts as MarkdownParserTests' path-break table: the Tenant URL box must break where the
// runbook's own Tenant URL blocks do (test_pages.py compares the two in Chromium).
test('a path is cut after every run of slashes that has text on both sides', () => {
  const table = [
    ['https://api.us-1.veritone.com/v1/admin/scim/16f982b7',
      ['https://', 'api.us-1.veritone.com/', 'v1/', 'admin/', 'scim/', '16f982b7']],
    ['/callback/login', ['/callback/', 'login']],
    ['a//b/', ['a//', 'b/']],
    ['/Users', ['/Users']],
    ['//', ['//']],
    ['scim', ['scim']],
  ];
  for (const [text, parts] of table) {
    assert.deepEqual(pathParts(text), parts, text);
    assert.equal(pathParts(text).join(''), text);
  }
});
