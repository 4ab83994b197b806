// The runbook page as a wizard, added on top of a page that reads and prints without it:
// copy buttons beside every value and command, a choice of the admin's Entra experience, the
// steps' checkboxes with a progress line, and a guided mode that shows one step at a time, all
// kept per tenant in localStorage. It fetches nothing; the page's CSP forbids it anyway.
(function () {
  'use strict';
  var main = document.getElementById('runbook');
  if (!main) { return; }
  // What other scripts of the page (the personaliser) may call.
  var wizard = window.runbookWizard = { addCopyButton: null, setTenant: function () {} };

  // One polite live region announces what the controls did.
  var announcer = document.createElement('p');
  announcer.id = 'wizard-status';
  announcer.className = 'visually-hidden';
  announcer.setAttribute('role', 'status');
  document.body.appendChild(announcer);
  function announce(text) {
    announcer.textContent = '';
    window.setTimeout(function () { announcer.textContent = text; }, 50);
  }

  // ---- Copy buttons ----------------------------------------------------------------------

  function describe(code) {
    var text = code.textContent.trim();
    var pre = code.parentElement.tagName === 'PRE';
    if (pre) {
      if (/\blanguage-powershell\b/.test(code.className)) { return 'PowerShell command'; }
      if (/\blanguage-sh\b/.test(code.className)) { return 'shell command'; }
      if (/\blanguage-json\b/.test(code.className)) { return 'example answer'; }
      if (/\/v1\/admin\/scim\//.test(text) && text.indexOf('\n') < 0) { return 'Tenant URL'; }
      return 'text';
    }
    // In a card of labelled rows (a bold first cell), the row's label names the value; it stays
    // right when the personaliser changes the value itself.
    var row = code.closest('tr');
    var label = row && row.cells[0] !== code.parentElement && row.cells[0].querySelector('strong');
    if (label) { return label.textContent.trim(); }
    return text.length <= 40 ? text : text.slice(0, 40) + '…';
  }

  function selectText(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function copied(button, what) {
    button.textContent = 'Copied';
    button.classList.add('copied');
    announce('Copied ' + what + '.');
    window.setTimeout(function () {
      button.textContent = 'Copy';
      button.classList.remove('copied');
    }, 2000);
  }

  // Without the Clipboard API (or when it refuses), select the text for the reader to copy.
  function fallback(code, button, what) {
    selectText(code);
    var done = false;
    try { done = document.execCommand && document.execCommand('copy'); } catch (error) { done = false; }
    if (done) { copied(button, what); return; }
    button.textContent = 'Selected';
    announce('Selected ' + what + ': press Control+C, or Command+C, to copy it.');
    window.setTimeout(function () { button.textContent = 'Copy'; }, 4000);
  }

  function addCopyButton(code) {
    var what = describe(code);
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'copy-button';
    button.textContent = 'Copy';
    button.setAttribute('aria-label', 'Copy ' + what);
    button.addEventListener('click', function () {
      var text = code.textContent.replace(/\n$/, '');
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(function () { copied(button, what); },
                                                 function () { fallback(code, button, what); });
      } else {
        fallback(code, button, what);
      }
    });
    if (code.parentElement.tagName === 'PRE') {
      // The button sits in a wrapper, not in the scrolling block, so long lines never run under it.
      var pre = code.parentElement;
      var block = document.createElement('div');
      block.className = 'code-block';
      pre.parentNode.insertBefore(block, pre);
      block.appendChild(pre);
      block.appendChild(button);
    } else if (code.nextSibling && /^[)\].,;:]+$/.test((code.nextSibling.textContent || '').trim()) && !code.nextSibling.nextSibling) {
      // A value in brackets, such as "(api.us-1.veritone.com)": the button after the bracket.
      code.parentElement.appendChild(button);
    } else {
      code.insertAdjacentElement('afterend', button);
    }
  }

  Array.prototype.forEach.call(main.querySelectorAll('pre > code, td > code'), addCopyButton);
  wizard.addCopyButton = addCopyButton;

  // ---- Storage, per tenant ----------------------------------------------------------------

  function tenant() { return main.getAttribute('data-tenant') || 'unknown'; }

  function load(kind, fallback) {
    try {
      var value = window.localStorage.getItem('runbook-' + kind + ':' + tenant());
      return value === null ? fallback : JSON.parse(value);
    } catch (error) { return fallback; }
  }

  function store(kind, value) {
    try { window.localStorage.setItem('runbook-' + kind + ':' + tenant(), JSON.stringify(value)); } catch (error) { /* private mode: not kept */ }
  }

  // ---- Which Entra experience -------------------------------------------------------------
  // The steps that differ sit in <section class="experience" data-experience="classic|newer">.
  // The admin says once which screen Entra shows them; the page then shows only that
  // experience's sections, on screen (`hidden`). Print, and the page without JavaScript, show
  // both.

  var sections = main.querySelectorAll('section.experience');
  var experiences = [];
  Array.prototype.forEach.call(sections, function (section) {
    var key = section.getAttribute('data-experience');
    if (!experiences.some(function (e) { return e.key === key; })) {
      experiences.push({ key: key, cue: section.getAttribute('data-experience-cue') });
    }
  });
  var choices = [];
  var onExperienceChange = function () {};

  function showExperience(key, quietly) {
    Array.prototype.forEach.call(sections, function (section) {
      section.hidden = key !== '' && section.getAttribute('data-experience') !== key;
    });
    choices.forEach(function (choice) { choice.checked = choice.value === key; });
    onExperienceChange();
    if (!quietly) {
      announce(key ? 'Showing the steps of the ' + key + ' experience.' : 'Showing the steps of both experiences.');
    }
  }

  if (experiences.length > 1) {
    var picker = document.createElement('fieldset');
    picker.className = 'experience-switch';
    var legend = document.createElement('legend');
    legend.textContent = 'Which does the application\'s Provisioning page offer?';
    picker.appendChild(legend);
    experiences.map(function (e) { return { value: e.key, text: e.cue + ' (' + e.key + ' experience)' }; })
      .concat([{ value: '', text: 'Not sure yet: show both' }])
      .forEach(function (option) {
        var label = document.createElement('label');
        var input = document.createElement('input');
        input.type = 'radio';
        input.name = 'experience';
        input.value = option.value;
        input.addEventListener('change', function () {
          if (!input.checked) { return; }
          store('experience', input.value);
          showExperience(input.value);
        });
        choices.push(input);
        label.appendChild(input);
        label.appendChild(document.createTextNode(' ' + option.text));
        picker.appendChild(label);
      });
    // Beside the introduction's table of the experiences' cues, else at the top.
    var cueTable = Array.prototype.filter.call(main.querySelectorAll('table'), function (table) {
      return experiences.every(function (e) { return table.textContent.indexOf(e.cue) >= 0; });
    })[0];
    var anchor = cueTable || main.querySelector('h1');
    if (anchor) { anchor.insertAdjacentElement('afterend', picker); } else { main.insertBefore(picker, main.firstChild); }
  }

  function restoreExperience() {
    var key = load('experience', '');
    showExperience(experiences.some(function (e) { return e.key === key; }) ? key : '', true);
  }

  // ---- Steps -----------------------------------------------------------------------------

  var boxes = main.querySelectorAll('input.step-done');
  restoreExperience();
  if (boxes.length === 0) { return; }

  // A step of the experience the admin did not choose is neither shown nor counted.
  function counts(box) {
    var section = box.closest('section.experience');
    return !section || !section.hidden;
  }

  function save() {
    var done = [];
    Array.prototype.forEach.call(boxes, function (box) { if (box.checked) { done.push(box.id); } });
    store('steps', done);
  }

  var bar = document.createElement('div');
  bar.className = 'wizard-bar';
  var progress = document.createElement('p');
  progress.id = 'progress';
  progress.setAttribute('role', 'status');
  var reset = document.createElement('button');
  reset.type = 'button';
  reset.id = 'reset-steps';
  reset.textContent = 'Reset steps';
  bar.appendChild(progress);
  bar.appendChild(reset);
  var title = main.querySelector('h1');
  (title ? title.nextElementSibling : main.firstElementChild).insertAdjacentElement('beforebegin', bar);

  function update() {
    var done = 0, total = 0;
    Array.prototype.forEach.call(boxes, function (box) {
      box.closest('li.step').classList.toggle('done', box.checked);
      if (!counts(box)) { return; }
      total += 1;
      if (box.checked) { done += 1; }
    });
    progress.textContent = done + ' of ' + total + ' steps done';
  }
  onExperienceChange = update;

  function restore() {
    var done = load('steps', []);
    Array.prototype.forEach.call(boxes, function (box) { box.checked = done.indexOf(box.id) >= 0; });
    update();
  }

  Array.prototype.forEach.call(boxes, function (box) {
    box.addEventListener('change', function () { save(); update(); });
  });
  reset.addEventListener('click', function () {
    Array.prototype.forEach.call(boxes, function (box) { box.checked = false; });
    save();
    update();
    announce('All steps cleared.');
  });
  restore();

  // ---- Guided mode -----------------------------------------------------------------------
  // One step at a time over the same page: the step's own element stays where it is (its copy
  // buttons and checkbox with it) and everything else is hidden on screen, so nothing is copied
  // and print and the page without JavaScript are untouched. Going forward ticks the step; the
  // position is kept per tenant, like the steps, and guided mode resumes on reload.

  var guideButton = document.createElement('button');
  guideButton.type = 'button';
  guideButton.id = 'guide-me';
  guideButton.textContent = 'Guide me';
  var actions = document.createElement('div');
  actions.className = 'wizard-actions';
  bar.replaceChild(actions, reset);
  actions.appendChild(guideButton);
  actions.appendChild(reset);

  var head = document.createElement('div');
  head.id = 'guide-head';
  head.className = 'guide-panel';
  head.hidden = true;
  var part = document.createElement('p');
  part.className = 'guide-part';
  var heading = document.createElement('h2');
  heading.id = 'guide-heading';
  heading.tabIndex = -1;
  head.appendChild(part);
  head.appendChild(heading);

  var nav = document.createElement('nav');
  nav.id = 'guide-nav';
  nav.className = 'guide-panel';
  nav.setAttribute('aria-label', 'Guided steps');
  nav.hidden = true;
  function navButton(id, text) {
    var button = document.createElement('button');
    button.type = 'button';
    button.id = id;
    button.textContent = text;
    nav.appendChild(button);
    return button;
  }
  var back = navButton('guide-back', 'Back');
  var next = navButton('guide-next', 'Next');
  var leave = navButton('guide-leave', 'Full page');

  var summary = document.createElement('div');
  summary.id = 'guide-summary';
  summary.hidden = true;

  bar.insertAdjacentElement('afterend', head);
  head.insertAdjacentElement('afterend', summary);
  main.appendChild(nav);

  var guide = { on: false, index: 0 };
  var shown = [];

  // The steps as the admin will do them: those of the chosen experience, in page order.
  function steps() {
    return Array.prototype.filter.call(boxes, counts).map(function (box) { return box.closest('li.step'); });
  }

  // The nearest heading before an element, at one of the given levels.
  function headingBefore(element, levels) {
    for (var node = element; node && node !== main; node = node.parentElement) {
      for (var sibling = node.previousElementSibling; sibling; sibling = sibling.previousElementSibling) {
        if (levels.indexOf(sibling.tagName) >= 0) { return sibling; }
      }
    }
    return null;
  }

  // The warnings of a step: the callouts beside its list, up to the headings around it.
  function calloutsOf(list) {
    var found = [];
    ['previousElementSibling', 'nextElementSibling'].forEach(function (direction) {
      for (var node = list[direction]; node && !/^H[1-6]$/.test(node.tagName) && !node.matches('ol.steps'); node = node[direction]) {
        if (node.matches('aside.callout')) { found.push(node); }
      }
    });
    return found;
  }

  // Marks what guided mode shows: each target whole, and its ancestors, whose other children
  // the style sheet hides.
  function show(targets) {
    shown.forEach(function (element) { element.classList.remove('guide-shown', 'guide-target'); });
    shown = [];
    targets.filter(Boolean).forEach(function (target) {
      target.classList.add('guide-target');
      for (var node = target; node && node !== main; node = node.parentElement) {
        node.classList.add('guide-shown');
        shown.push(node);
      }
    });
  }

  function tenantURL() {
    var code = Array.prototype.filter.call(main.querySelectorAll('code'), function (c) {
      return /^https:\/\/\S+\/v1\/admin\/scim\/[0-9a-f-]{36}$/.test(c.textContent.trim());
    })[0];
    return code ? code.textContent.trim() : '';
  }

  function quoted(text) { return "'" + text.replace(/'/g, "'\\''") + "'"; }

  function command(text) {
    var pre = document.createElement('pre');
    var code = document.createElement('code');
    code.className = 'language-sh';
    code.textContent = text;
    pre.appendChild(code);
    summary.appendChild(pre);
    wizard.addCopyButton(code);
  }

  function renderSummary(all) {
    summary.textContent = '';
    var done = all.filter(function (step) { return step.querySelector('input.step-done').checked; }).length;
    var lead = document.createElement('p');
    lead.textContent = done + ' of ' + all.length + ' steps done.' +
      (done < all.length ? ' Go Back to any step left, or tick it on the full page.' : '');
    summary.appendChild(lead);
    var verify = document.createElement('p');
    verify.textContent = 'To check the connection again from a shell, with the token in AIWARE_SCIM_TOKEN:';
    summary.appendChild(verify);
    command('runbook verify ' + quoted(tenantURL()));
    var explain = document.createElement('p');
    explain.textContent = 'When Entra shows an error, paste what it shows into:';
    summary.appendChild(explain);
    command("runbook explain -");
  }

  function render(moveFocus) {
    var all = steps();
    guide.index = Math.max(0, Math.min(guide.index, all.length));
    var atEnd = guide.index === all.length;
    var step = all[guide.index];
    var watch = document.getElementById('watching-provisioning');
    if (atEnd) {
      part.textContent = 'Summary';
      heading.textContent = 'All ' + all.length + ' steps';
      renderSummary(all);
      var watched = watch ? [watch] : [];
      for (var node = watch && watch.nextElementSibling; node && !/^H[1-3]$/.test(node.tagName); node = node.nextElementSibling) {
        watched.push(node);
      }
      show([title, bar, head, summary, nav].concat(watched));
    } else {
      var parts = [headingBefore(step, ['H2']), headingBefore(step, ['H3'])].filter(Boolean);
      part.textContent = parts.map(function (h) { return h.textContent.trim(); }).join(' › ');
      heading.textContent = 'Step ' + (guide.index + 1) + ' of ' + all.length;
      show([title, bar, head, nav, step].concat(calloutsOf(step.parentElement)));
    }
    summary.hidden = !atEnd;
    back.disabled = guide.index === 0;
    next.textContent = atEnd ? 'Done' : 'Next';
    store('guide', { on: true, step: step ? step.id : 'summary' });
    if (moveFocus) {
      heading.focus();
      window.scrollTo(0, 0);
    }
    announce(heading.textContent + ': ' + part.textContent + '.');
  }

  function enter(index) {
    guide.on = true;
    guide.index = index;
    main.classList.add('guided');
    head.hidden = false;
    nav.hidden = false;
    guideButton.textContent = 'Full page';
    render(true);
  }

  function exit() {
    var all = steps();
    var step = all[guide.index];
    guide.on = false;
    main.classList.remove('guided');
    show([]);
    head.hidden = true;
    nav.hidden = true;
    summary.hidden = true;
    guideButton.textContent = 'Guide me';
    store('guide', { on: false, step: step ? step.id : 'summary' });
    (step || guideButton).scrollIntoView();
    guideButton.focus();
    announce('Showing the full page.');
  }

  // Where to resume: the stored step, if it is still one of the steps shown; else the first
  // step not yet done.
  function resumeIndex() {
    var all = steps();
    var saved = load('guide', null);
    if (saved && saved.step === 'summary') { return all.length; }
    var at = saved ? all.map(function (step) { return step.id; }).indexOf(saved.step) : -1;
    if (at >= 0) { return at; }
    var open = all.map(function (step) { return step.querySelector('input.step-done').checked; }).indexOf(false);
    return open >= 0 ? open : 0;
  }

  function forward() {
    var all = steps();
    if (guide.index >= all.length) { exit(); return; }
    var box = all[guide.index].querySelector('input.step-done');
    if (!box.checked) { box.checked = true; save(); update(); }
    guide.index += 1;
    render(true);
  }

  function backward() {
    if (guide.index > 0) { guide.index -= 1; render(true); }
  }

  guideButton.addEventListener('click', function () { if (guide.on) { exit(); } else { enter(resumeIndex()); } });
  next.addEventListener('click', forward);
  back.addEventListener('click', backward);
  leave.addEventListener('click', exit);
  // A link to another part of the runbook (a footnote, a section) leads to the full page, there.
  main.addEventListener('click', function (event) {
    var link = guide.on && event.target.closest && event.target.closest('a[href^="#"]');
    if (!link) { return; }
    exit();
    var target = document.getElementById(decodeURIComponent(link.getAttribute('href').slice(1)));
    if (target) { target.scrollIntoView(); }
  });
  document.addEventListener('keydown', function (event) {
    if (!guide.on || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
    var target = event.target;
    var inControl = target.closest && target.closest('input, button, a, select, textarea, summary, [contenteditable]');
    if (event.key === 'Escape') { event.preventDefault(); exit(); }
    else if (inControl) { return; }
    else if (event.key === 'Enter' || event.key === 'ArrowRight') { event.preventDefault(); forward(); }
    else if (event.key === 'ArrowLeft' && guide.index > 0) { event.preventDefault(); backward(); }
  });

  function restoreGuide() {
    var saved = load('guide', null);
    if (saved && saved.on) { enter(resumeIndex()); } else if (guide.on) { exit(); }
  }
  restoreGuide();

  // The personaliser moves the page to another tenant; each tenant keeps its own progress,
  // experience and place in guided mode.
  wizard.setTenant = function (next) {
    main.setAttribute('data-tenant', next);
    restoreExperience();
    restore();
    restoreGuide();
  };
}());
