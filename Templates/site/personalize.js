// The personaliser: derives the SCIM Tenant URL from a pasted callback or login URL, in the
// browser, and fills the runbook on the page with the tenant's values. No request leaves the
// page. The derivation is DESIGN.md's, the same rules, error codes and messages as the Swift
// library (Sources/RunbookKit/Tenant/TenantURL+Derivation.swift); Tests/JavaScript runs both
// against the same vectors so neither can drift.
(function (root) {
  'use strict';

  var OPENID = '/v1/admin/openid/';
  var SCIM = '/v1/admin/scim/';
  var EXAMPLE_TENANT = '16f982b7-17fa-4c6c-a17b-9e7e018d42c0';
  var EXAMPLE_CALLBACK = 'https://api.us-1.veritone.com/v1/admin/openid/' + EXAMPLE_TENANT + '/callback/login';

  // ---- Derivation ------------------------------------------------------------------------

  function DerivationError(code, message) {
    this.code = code;
    this.message = message;
  }

  function asciiLowercase(text) {
    return text.replace(/[A-Z]/g, function (c) { return c.toLowerCase(); });
  }

  // Control characters and bidirectional marks are shown as escapes, long text is cut in the
  // middle: the same as Swift's quotedForMessage, counted in Unicode scalars.
  function quoted(text, limit) {
    limit = limit || 80;
    var shown = [];
    Array.from(text).forEach(function (character) {
      var value = character.codePointAt(0);
      if (value <= 0x1F || (value >= 0x7F && value <= 0x9F) || value === 0x200E || value === 0x200F ||
          (value >= 0x202A && value <= 0x202E) || (value >= 0x2066 && value <= 0x2069)) {
        Array.from('\\u{' + value.toString(16) + '}').forEach(function (c) { shown.push(c); });
      } else {
        shown.push(character);
      }
    });
    if (shown.length > limit) {
      var half = Math.floor(limit / 2);
      shown = shown.slice(0, half).concat(['…'], shown.slice(shown.length - (half - 1)));
    }
    return '‘' + shown.join('') + '’';
  }

  function isTenantID(text) {
    return /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/.test(text);
  }

  function summary(regions) {
    return regions.map(function (r) { return r.key + ' (' + r.host + ')'; }).join(', ');
  }

  function keyList(regions) {
    return regions.map(function (r) { return r.key; }).join(', ');
  }

  function regionForHost(regions, host) {
    return regions.filter(function (r) { return r.host === host; })[0];
  }

  function regionForKey(regions, key) {
    return regions.filter(function (r) { return r.key === key; })[0];
  }

  // Rules 1–8.
  function deriveFromURL(raw, regions) {
    var text = raw.trim();
    if (text.length >= 2 && ((text[0] === '<' && text[text.length - 1] === '>') ||
                             (text[0] === '"' && text[text.length - 1] === '"'))) {
      text = text.slice(1, -1).trim();
    }
    if (text === '') {
      throw new DerivationError('not-a-url', 'the URL is empty. Paste the callback URL from the Admin Center, such as ' +
        EXAMPLE_CALLBACK + ', or give a region and a tenant ID instead.');
    }
    var schemeEnd = text.indexOf('://');
    if (schemeEnd < 0) {
      throw new DerivationError('not-a-url', quoted(text) + ' is not a URL: it has no ‘://’. Paste the whole callback URL, ' +
        'such as ' + EXAMPLE_CALLBACK + ', or give a region and a tenant ID instead.');
    }
    var scheme = text.slice(0, schemeEnd);
    if (asciiLowercase(scheme) !== 'https') {
      throw new DerivationError('insecure-scheme', 'the URL starts with ' + quoted(scheme + '://') + ', but Entra only ' +
        'accepts an https:// Tenant URL. Use https:// and the same host and path.');
    }
    var rest = text.slice(schemeEnd + 3);
    var authorityEnd = rest.search(/[/?#]/);
    if (authorityEnd < 0) { authorityEnd = rest.length; }
    var authority = rest.slice(0, authorityEnd);
    if (authority.indexOf('@') >= 0) {
      throw new DerivationError('credentials-in-url', 'the URL carries a user name or password before the host (the part ' +
        'ending in ‘@’). Remove it: the Secret Token goes in Entra\'s Secret Token field, never in the URL.');
    }
    var host = authority;
    var colon = authority.lastIndexOf(':');
    if (colon >= 0 && authority[authority.length - 1] !== ']') {
      var port = authority.slice(colon + 1);
      host = authority.slice(0, colon);
      if (!(port === '' || (/^[0-9]+$/.test(port) && Number(port) === 443))) {
        throw new DerivationError('unexpected-port', 'the URL names port ' + quoted(port) + ', but aiWARE\'s API answers ' +
          'on the standard HTTPS port. Remove the colon and port after the host.');
      }
    }
    var hostName = asciiLowercase(host);
    if (hostName[hostName.length - 1] === '.') { hostName = hostName.slice(0, -1); }
    var region = regionForHost(regions, hostName);
    if (!region) {
      throw new DerivationError('unknown-host', quoted(hostName) + ' is not an aiWARE API host. Known hosts: ' +
        summary(regions) + '. Check the spelling against the callback URL in the Admin Center; an on-premises host ' +
        'must be added with a regions file.');
    }
    var path = rest.slice(authorityEnd);
    var mark = path.search(/[?#]/);
    if (mark >= 0 && path.slice(mark) === '?aadOptscim062020') {
      throw new DerivationError('query-or-fragment', 'the URL ends with ?aadOptscim062020, Entra\'s flag that changes ' +
        'some of its PATCH requests to RFC 7644\'s form. aiWARE documents no need for it, and runbook writes the Tenant ' +
        'URL without it: remove it here. runbook verify accepts it, and with --rehearse tells whether aiWARE needs it.');
    }
    if (mark >= 0) {
      var what = path[mark] === '?' ? 'a query (‘?…’)' : 'a fragment (‘#…’)';
      throw new DerivationError('query-or-fragment', 'the URL ends with ' + what + ', which a callback or Tenant URL never ' +
        'has. Remove everything from ‘' + path[mark] + '’ on; copy the callback URI from the Admin Center rather than ' +
        'the browser\'s address bar.');
    }
    if (path[path.length - 1] === '/') { path = path.slice(0, -1); }
    var prefix;
    if (path.indexOf(OPENID) === 0) {
      prefix = OPENID;
    } else if (path.indexOf(SCIM) === 0) {
      prefix = SCIM;
    } else {
      throw new DerivationError('not-openid-path', 'the path ' + quoted(path === '' ? '/' : path) + ' is not an aiWARE ' +
        'OpenID or SCIM path. A callback URL\'s path starts with ' + OPENID + ' and a Tenant URL\'s with ' + SCIM +
        ', followed by the tenant ID.');
    }
    var afterPrefix = path.slice(prefix.length);
    var slash = afterPrefix.indexOf('/');
    var segment = slash < 0 ? afterPrefix : afterPrefix.slice(0, slash);
    if (!isTenantID(segment)) {
      throw new DerivationError('invalid-tenant-id', 'the URL has ' + (segment === '' ? 'nothing' : quoted(segment)) +
        ' where the tenant ID belongs, after ' + prefix + '. A tenant ID is a UUID such as ' + EXAMPLE_TENANT +
        '; copy the whole callback URI again.');
    }
    var suffix = afterPrefix.slice(segment.length);
    var source;
    if (prefix === SCIM && suffix === '') { source = 'Tenant URL'; }
    else if (prefix === OPENID && suffix === '') { source = 'provider URL'; }
    else if (prefix === OPENID && suffix === '/login') { source = 'login URL'; }
    else if (prefix === OPENID && suffix === '/callback/login') { source = 'callback URL'; }
    else {
      var expected = prefix === SCIM ? 'A Tenant URL ends with the tenant ID'
        : 'A callback URL ends with /callback/login and a login URL with /login';
      throw new DerivationError('unexpected-suffix', 'the URL continues with ' + quoted(suffix) + ' after the tenant ID. ' +
        expected + '; remove the rest.');
    }
    return { region: region, tenant: asciiLowercase(segment), source: source };
  }

  function knownRegion(key, regions) {
    var region = regionForKey(regions, asciiLowercase(key.trim()));
    if (!region) {
      throw new DerivationError('unknown-region', quoted(key) + ' is not a known region. Use one of ' + keyList(regions) +
        '; an on-premises region must be added with a regions file.');
    }
    return region;
  }

  function validTenantID(id) {
    var trimmed = id.trim();
    if (!isTenantID(trimmed)) {
      throw new DerivationError('invalid-tenant-id', quoted(id) + ' is not a tenant ID. A tenant ID is a UUID such as ' +
        EXAMPLE_TENANT + ', the segment after /openid/ in the callback URL.');
    }
    return asciiLowercase(trimmed);
  }

  function given(value) { return value !== undefined && value !== null; }

  /// Derives {scim, region, tenant, source}, or {error, message} for the first rule that fails.
  function derive(input, regions) {
    try {
      var result;
      if (given(input.url)) {
        result = deriveFromURL(input.url, regions);
        if (given(input.region)) {
          var region = knownRegion(input.region, regions);
          if (region.key !== result.region.key) {
            throw new DerivationError('region-mismatch', 'the region ' + region.key + ' is served by ' + region.host +
              ', but the URL\'s host is ' + result.region.host + ' (region ' + result.region.key + '). Leave the region ' +
              'out, or correct whichever is wrong.');
          }
        }
        if (given(input.tenant)) {
          var tenant = validTenantID(input.tenant);
          if (tenant !== result.tenant) {
            throw new DerivationError('tenant-mismatch', 'the tenant ID ' + tenant + ' differs from the URL\'s, ' +
              result.tenant + '. Leave the tenant ID out, or correct whichever is wrong.');
          }
        }
      } else {
        if (!given(input.region)) {
          throw new DerivationError('unknown-region', 'a tenant ID needs a region. Give one of ' + keyList(regions) +
            ', or paste the callback URL instead.');
        }
        var partsRegion = knownRegion(input.region, regions);
        if (!given(input.tenant)) {
          throw new DerivationError('invalid-tenant-id', 'a region needs a tenant ID, the UUID in the callback URL, such as ' +
            EXAMPLE_TENANT + '. Give it, or paste the callback URL instead.');
        }
        result = { region: partsRegion, tenant: validTenantID(input.tenant), source: 'region and tenant ID' };
      }
      return {
        scim: 'https://' + result.region.host + SCIM + result.tenant,
        region: result.region.key,
        tenant: result.tenant,
        source: result.source
      };
    } catch (error) {
      if (error instanceof DerivationError) { return { error: error.code, message: error.message }; }
      throw error;
    }
  }

  // ---- Downloads ---------------------------------------------------------------------------
  // The site build cuts the tenant's and the customer's values out of the files runbook render
  // writes (Sources/RunbookKit/Site/DownloadTemplate.swift) and keeps only the regions whose
  // files it could fill back in byte for byte. The escapes below are the Swift library's
  // (String+Escaping.swift), in UTF-16 code units: every character they look at is ASCII.

  // sanitizedForTemplates, then trimmingPasteWhitespace, which trims what trim() does. A lone
  // surrogate becomes U+FFFD, as the UTF-8 of a download would have it.
  function cleanedCustomer(name) {
    return Array.from(name || '').map(function (character) {
      var value = character.codePointAt(0);
      if (value <= 0x1F || (value >= 0x7F && value <= 0x9F) || value === 0x2028 || value === 0x2029) { return ' '; }
      if ((value >= 0x202A && value <= 0x202E) || (value >= 0x2066 && value <= 0x2069) ||
          (value >= 0xD800 && value <= 0xDFFF)) { return '\uFFFD'; }
      return character;
    }).join('').trim();
  }

  function isASCIIPunctuation(c) {
    return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E);
  }

  function isASCIIAlphanumeric(c) {
    var lower = c | 0x20;
    return (lower >= 0x61 && lower <= 0x7A) || (c >= 0x30 && c <= 0x39);
  }

  // String.markdownEscaped: a backslash only where CommonMark or GFM could read markup.
  function markdownEscaped(text) {
    var n = text.length;
    var code = function (i) { return text.charCodeAt(i); };
    var endsMarker = function (i) { return i === n || code(i) === 0x20 || code(i) === 0x09; };
    var lineStart = 0;
    while (lineStart < n && code(lineStart) === 0x20) { lineStart += 1; }
    var digits = 0;
    var result = '';
    for (var i = 0; i < n; i += 1) {
      var c = code(i);
      var escape = false;
      var character = text[i];
      if ('`*_~[]<|@'.indexOf(character) >= 0) {
        escape = true;
      } else if (character === '\\') {
        escape = i + 1 === n || isASCIIPunctuation(code(i + 1));
      } else if (character === '&') {
        var position = i + 1;
        while (position < n && (text[position] === '#' || isASCIIAlphanumeric(code(position)))) { position += 1; }
        escape = position > i + 1 && position < n && text[position] === ';';
      } else if (character === ':') {
        escape = text.slice(i + 1, i + 3) === '//';
      } else if (character === '>') {
        escape = i === lineStart;
      } else if (character === '#') {
        var run = 0;
        while (i + run < n && text[i + run] === '#') { run += 1; }
        escape = i === lineStart && run <= 6 && endsMarker(i + run);
      } else if (character === '-' || character === '+' || character === '=') {
        var onlyThese = true;
        for (var k = i; k < n; k += 1) { if (text[k] !== character && text[k] !== ' ') { onlyThese = false; } }
        escape = i === lineStart && ((character !== '=' && endsMarker(i + 1)) || onlyThese);
      } else if (character === '.' || character === ')') {
        var afterWWW = character === '.' && i >= 3 && [1, 2, 3].every(function (back) { return (code(i - back) | 0x20) === 0x77; });
        var listMarker = digits > 0 && digits <= 9 && i === lineStart + digits && endsMarker(i + 1);
        escape = afterWWW || listMarker;
      }
      if (escape) { result += '\\'; }
      result += character;
      if (i >= lineStart && c >= 0x30 && c <= 0x39 && digits === i - lineStart) { digits += 1; }
    }
    return result;
  }

  // String.jsonQuoted: also a YAML double-quoted scalar, with <, >, &, [ and ] escaped.
  function jsonQuoted(text) {
    return '"' + Array.from(text).map(function (character) {
      var value = character.codePointAt(0);
      switch (character) {
        case '"': return '\\"';
        case '\\': return '\\\\';
        case '\n': return '\\n';
        case '\t': return '\\t';
        case '\r': return '\\r';
      }
      if (value <= 0x1F || (value >= 0x7F && value <= 0x9F) || value === 0x2028 || value === 0x2029 || value === 0xFEFF ||
          '<>&[]'.indexOf(character) >= 0) {
        return '\\u' + ('000' + value.toString(16).toUpperCase()).slice(-4);
      }
      return character;
    }).join('') + '"';
  }

  // cmark-gfm's text (houdini_escape_html0, not secure), and String.htmlEscaped, ' too.
  function cmarkTextEscaped(text) {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  }

  function htmlEscaped(text) {
    return cmarkTextEscaped(text).replace(/'/g, '&#39;');
  }

  function fill(parts, values) {
    return parts.map(function (part) {
      if (typeof part === 'string') { return part; }
      if (part.value) { return values[part.value]; }
      if (part.customer) { return values.customer ? fill(part.customer, values) : ''; }
      return values.customer ? '' : fill(part.noCustomer, values);
    }).join('');
  }

  var FORMATS = { html: 'runbook.html', markdown: 'runbook.md' };

  /// Why there is no download for a region, or null when there is.
  function refusal(downloads, key) {
    if (downloads.regions.indexOf(key) >= 0) { return null; }
    var why = downloads.onPremises.indexOf(key) >= 0
      ? 'an on-premises region\'s runbook has a section of its own. Run runbook render with the regions file instead.'
      : 'this site\'s templates write a value where the page cannot fill it in. Run runbook render instead.';
    return { error: 'not-reproducible', message: 'this site cannot write the runbook of region ' + key +
      ' exactly as runbook render does: ' + why };
  }

  /// The file runbook render writes for a tenant ({region, tenant} as derive returns them) and
  /// customer in a format ('markdown' or 'html'): {name, text}, or {error, message} when the
  /// site's templates cannot reproduce it.
  function runbookFile(downloads, regions, tenant, customer, format) {
    var refused = refusal(downloads, tenant.region);
    if (refused) { return refused; }
    var region = regionForKey(regions, tenant.region);
    var name = cleanedCustomer(customer);
    var values = { tenantID: tenant.tenant, regionKey: region.key, regionHost: region.host, regionName: region.name };
    if (name !== '') {
      values.customer = true;
      values.customerJSON = jsonQuoted(name);
      values.customerMarkdown = markdownEscaped(name);
      values.customerHTML = cmarkTextEscaped(name);
      values.customerTitle = htmlEscaped(name);
    }
    return { name: FORMATS[format], text: fill(downloads[format], values) };
  }

  // String.shellQuoted.
  function shellQuoted(text) {
    return "'" + text.replace(/'/g, "'\\''") + "'";
  }

  /// The command that writes the same files, for a POSIX shell. `--customer=` keeps a name
  /// that starts with '-' from reading as an option.
  function renderCommand(downloads, tenantURL, customer) {
    var name = cleanedCustomer(customer);
    return 'SOURCE_DATE_EPOCH=' + downloads.sourceDateEpoch + ' runbook render ' + shellQuoted(tenantURL) +
      (name === '' ? '' : ' --customer=' + shellQuoted(name)) +
      (downloads.templates ? ' --templates=' + shellQuoted(downloads.templates) : '') + ' --format html,md';
  }

  // MarkdownParser.pathParts: the text cut after every run of slashes that has text before and
  // after it, so the Tenant URL box breaks where the runbook's own Tenant URL blocks break.
  function pathParts(text) {
    var parts = [];
    var start = 0;
    var textBefore = false;
    for (var index = 0; index < text.length; index++) {
      if (text[index] !== '/') {
        textBefore = true;
      } else if (textBefore && index + 1 < text.length && text[index + 1] !== '/') {
        parts.push(text.slice(start, index + 1));
        start = index + 1;
      }
    }
    parts.push(text.slice(start));
    return parts;
  }

  var api = { derive: derive, runbookFile: runbookFile, renderCommand: renderCommand, pathParts: pathParts };
  if (typeof module === 'object' && module.exports) { module.exports = api; }
  root.runbookPersonalizer = api;

  // ---- The page --------------------------------------------------------------------------

  if (typeof document === 'undefined') { return; }
  var data = JSON.parse(document.getElementById('runbook-data').textContent);
  var form = document.getElementById('personalize-form');
  var field = document.getElementById('callback-url');
  var result = document.getElementById('personalize-result');
  var runbook = document.getElementById('runbook');
  var current = data.example;

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }

  // Replaces the shown tenant's values with another's in every text node of the runbook.
  function retarget(next) {
    var replacements = [
      [new RegExp(escapeRegExp(current.host), 'g'), next.host],
      [new RegExp(escapeRegExp(current.tenant), 'g'), next.tenant],
      [new RegExp(escapeRegExp(current.regionName), 'g'), next.regionName],
      // A region key stands alone: never inside a host such as api.stage.us-1.veritone.com.
      [new RegExp('(^|[^A-Za-z0-9_.-])' + escapeRegExp(current.regionKey) + '(?=$|[^A-Za-z0-9_.-])', 'g'),
       '$1' + next.regionKey.replace(/\$/g, '$$$$')]
    ];
    var walker = document.createTreeWalker(runbook, NodeFilter.SHOW_TEXT);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      var text = node.nodeValue;
      replacements.forEach(function (pair) { text = text.replace(pair[0], pair[1]); });
      if (text !== node.nodeValue) { node.nodeValue = text; }
    }
    current = next;
    if (window.runbookWizard) { window.runbookWizard.setTenant(next.tenant); }
  }

  function show(outcome, pasted) {
    result.hidden = false;
    result.textContent = '';
    if (outcome.error) {
      result.className = 'personalize-result error';
      result.setAttribute('role', 'alert');
      var code = document.createElement('p');
      code.className = 'error-code';
      code.textContent = 'error[' + outcome.error + ']';
      var message = document.createElement('p');
      message.className = 'error-message';
      message.textContent = outcome.message;
      result.appendChild(code);
      result.appendChild(message);
      field.setAttribute('aria-invalid', 'true');
      return;
    }
    field.removeAttribute('aria-invalid');
    result.className = 'personalize-result ok';
    result.setAttribute('role', 'status');
    var label = document.createElement('p');
    label.textContent = 'Tenant URL for region ' + outcome.region + ', aiWARE tenant ' + outcome.tenant + ':';
    var value = document.createElement('pre');
    var code2 = document.createElement('code');
    code2.id = 'tenant-url';
    // Wrapped after its slashes, as the runbook's own Tenant URL blocks are, so the Copy button
    // never covers its end and `us-1` never breaks at its hyphen; only a part wider than the
    // line (the tenant ID on a phone) wraps inside itself.
    code2.className = 'language-text path';
    pathParts(outcome.scim).forEach(function (part, number) {
      if (number > 0) { code2.appendChild(document.createElement('wbr')); }
      code2.appendChild(element('span', { textContent: part }));
    });
    value.appendChild(code2);
    var note = document.createElement('p');
    note.textContent = 'The runbook below now shows this tenant.';
    result.appendChild(label);
    result.appendChild(value);
    result.appendChild(note);
    if (window.runbookWizard && window.runbookWizard.addCopyButton) { window.runbookWizard.addCopyButton(code2); }
    result.appendChild(downloadControls(outcome));
    var region = regionForKey(data.regions, outcome.region);
    retarget({ host: region.host, tenant: outcome.tenant, regionKey: region.key, regionName: region.name });
    // The link to this page can be shared: a fragment never reaches a server.
    if (window.history && window.history.replaceState) {
      window.history.replaceState(null, '', '#callback=' + encodeURIComponent(pasted));
    }
  }

  // The customer's name is kept across tenants: support staff personalise one customer's
  // tenants one after another.
  var customerName = '';

  function element(name, properties) {
    var node = document.createElement(name);
    Object.keys(properties || {}).forEach(function (key) { node[key] = properties[key]; });
    return node;
  }

  // The customer field, a download button per format and the command that writes the same
  // bytes; for a region the site cannot reproduce, why there is no download.
  function downloadControls(outcome) {
    var box = element('div', { className: 'downloads' });
    var refused = refusal(data.downloads, outcome.region);
    if (refused) {
      box.appendChild(element('p', { className: 'download-refusal', textContent: 'error[' + refused.error + ']: ' + refused.message }));
      return box;
    }
    var label = element('label', { htmlFor: 'customer-name', textContent: 'Customer name (optional)' });
    var input = element('input', { id: 'customer-name', type: 'text', autocomplete: 'off', spellcheck: false, value: customerName });
    input.setAttribute('aria-describedby', 'download-help');
    var buttons = element('div', { className: 'download-buttons' });
    var help = element('p', { id: 'download-help', className: 'help' });
    var command = element('code');
    function describe() {
      help.textContent = 'Dated ' + data.downloads.date + ' (the day this site was built), byte for byte what this ' +
        'command writes in a POSIX shell: ';
      command.textContent = renderCommand(data.downloads, outcome.scim, input.value);
      help.appendChild(command);
      help.appendChild(document.createTextNode('.'));
    }
    input.addEventListener('input', function () {
      customerName = input.value;
      describe();
    });
    Object.keys(FORMATS).forEach(function (format) {
      var button = element('button', { type: 'button', className: 'download', textContent: 'Download ' + FORMATS[format] });
      button.dataset.format = format;
      button.addEventListener('click', function () {
        save(runbookFile(data.downloads, data.regions, outcome, input.value, format), format);
      });
      buttons.appendChild(button);
    });
    describe();
    [label, input, buttons, help].forEach(function (node) { box.appendChild(node); });
    return box;
  }

  // Hands the bytes to the browser as a file; nothing leaves the page.
  function save(file, format) {
    var type = format === 'html' ? 'text/html;charset=utf-8' : 'text/markdown;charset=utf-8';
    var url = URL.createObjectURL(new Blob([file.text], { type: type }));
    var link = element('a', { href: url, download: file.name, hidden: true });
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  function personalize(pasted) {
    show(derive({ url: pasted }, data.regions), pasted);
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    personalize(field.value);
  });

  var fragment = /^#callback=(.*)$/.exec(window.location.hash);
  if (fragment) {
    var pasted;
    try { pasted = decodeURIComponent(fragment[1]); } catch (error) { pasted = fragment[1]; }
    field.value = pasted;
    personalize(pasted);
  }
}(typeof window !== 'undefined' ? window : globalThis));
