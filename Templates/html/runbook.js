// The runbook page as a wizard, added on top of a page that reads and prints without it:
// copy buttons beside every value and command, a choice of the admin's Entra experience, and
// the steps' checkboxes, both kept per tenant in localStorage, with a progress line. It fetches
// nothing; the page's CSP forbids it anyway.
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

  // The personaliser moves the page to another tenant; each tenant keeps its own progress and
  // experience.
  wizard.setTenant = function (next) {
    main.setAttribute('data-tenant', next);
    restoreExperience();
    restore();
  };
}());
