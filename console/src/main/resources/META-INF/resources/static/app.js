// The console's little JavaScript: dialogs, the copy button, the custom-date picker, "select all", confirmations.
// No inline scripts (the Content-Security-Policy allows only this file), no token ever reaches it.
(function () {
  'use strict';

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // http://localhost is a secure context; elsewhere fall back to a selection copy
    return new Promise(function (resolve, reject) {
      var area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.style.position = 'fixed';
      area.style.opacity = '0';
      document.body.appendChild(area);
      area.select();
      var ok = document.execCommand('copy');
      document.body.removeChild(area);
      ok ? resolve() : reject(new Error('copy refused'));
    });
  }

  document.addEventListener('click', function (event) {
    var target = event.target.closest('[data-open],[data-close],[data-copy],[data-confirm]');
    if (!target) {
      return;
    }
    if (target.hasAttribute('data-open')) {
      var dialog = document.getElementById(target.getAttribute('data-open'));
      if (dialog && dialog.showModal) {
        dialog.showModal();
        var first = dialog.querySelector('input:not([type=hidden]),select,textarea,button');
        if (first) { first.focus(); }
      }
    } else if (target.hasAttribute('data-close')) {
      var open = target.closest('dialog');
      if (open) { open.close(); }
    } else if (target.hasAttribute('data-copy')) {
      var source = document.getElementById(target.getAttribute('data-copy'));
      var status = document.getElementById(target.getAttribute('aria-describedby'));
      copy(source.textContent.trim()).then(function () {
        target.textContent = 'Copied';
        if (status) { status.textContent = 'Copied to the clipboard.'; }
      }, function () {
        if (status) { status.textContent = 'Copy failed: select the value and copy it by hand.'; }
      });
    } else if (target.hasAttribute('data-confirm')) {
      if (!window.confirm(target.getAttribute('data-confirm'))) {
        event.preventDefault();
      }
    }
  });

  function syncCustomDate(select) {
    var wrap = document.getElementById(select.getAttribute('data-custom-date') + '-wrap');
    if (wrap) {
      var custom = select.value === 'custom';
      wrap.hidden = !custom;
      var input = wrap.querySelector('input');
      if (input) { input.required = custom; }
    }
  }

  document.addEventListener('change', function (event) {
    var t = event.target;
    if (t.matches('select[data-custom-date]')) {
      syncCustomDate(t);
    } else if (t.matches('input[data-select-all]')) {
      document.querySelectorAll('input[type=checkbox][name="' + t.getAttribute('data-select-all') + '"]')
        .forEach(function (box) { box.checked = t.checked; });
    }
  });

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('select[data-custom-date]').forEach(syncCustomDate);
  });
})();
