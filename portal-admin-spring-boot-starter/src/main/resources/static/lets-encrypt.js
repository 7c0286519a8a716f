// The Let's Encrypt wizard's progressive enhancement. Served by the portal itself (the
// content security policy allows no inline or outside script) and never calls another host.
// Without it the pages still work: the form has a button to show the chosen CA's terms,
// and the progress page reloads itself while the order runs.
(function () {
  'use strict';

  function text(element, value) {
    if (element) {
      element.textContent = (value === null || value === undefined) ? '' : String(value);
    }
  }

  // The progress page: follow the order by polling its JSON until it is issued or failed.
  function followOrder(section) {
    var url = section.getAttribute('data-progress-url');
    var stages = document.getElementById('acme-stages');
    section.setAttribute('data-live', 'on');

    function render(progress) {
      section.setAttribute('data-state', progress.state);
      text(document.getElementById('acme-state'), progress.state.toLowerCase());
      document.getElementById('acme-state').classList.toggle('bad', progress.state === 'FAILED');
      progress.stages.forEach(function (stage) {
        var item = stages.querySelector('li[data-step="' + stage.step + '"]');
        if (!item) {
          return;
        }
        item.setAttribute('data-status', stage.status);
        item.className = stage.status;
        text(item.querySelector('.stage-status'), stage.status);
        var detail = item.querySelector('.stage-detail');
        if (!detail && stage.detail) {
          detail = document.createElement('span');
          detail.className = 'stage-detail hint';
          item.appendChild(detail);
        }
        text(detail, stage.detail);
      });
      var failure = document.getElementById('acme-failure');
      failure.hidden = progress.state !== 'FAILED';
      if (progress.state === 'FAILED') {
        text(document.getElementById('acme-error'), progress.lastError);
        var advice = document.getElementById('acme-advice');
        while (advice.firstChild) {
          advice.removeChild(advice.firstChild);
        }
        progress.advice.forEach(function (line) {
          var item = document.createElement('li');
          item.textContent = line;
          advice.appendChild(item);
        });
        text(document.getElementById('acme-next'), progress.nextAttemptAt
          ? 'The portal tries again at ' + progress.nextAttemptAt + '. The certificate in use stays until then.' : '');
      }
      document.getElementById('acme-issued').hidden = progress.state !== 'ISSUED';
    }

    function poll() {
      fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' }, cache: 'no-store' })
        .then(function (response) {
          if (!response.ok) {
            throw new Error('HTTP ' + response.status);
          }
          return response.json();
        })
        .then(function (progress) {
          render(progress);
          // While the order runs, look every second; after a failure a retry is scheduled, so keep looking, slower.
          if (progress.state === 'WAITING' || progress.state === 'RUNNING') {
            setTimeout(poll, 1000);
          }
          else if (progress.state === 'FAILED') {
            setTimeout(poll, 10000);
          }
        })
        .catch(function () {
          setTimeout(poll, 5000);
        });
    }

    poll();
  }

  // The form: show the terms of the CA chosen as soon as it is chosen.
  function followTerms(form) {
    var terms = document.getElementById('terms');
    var showTerms = document.getElementById('show-terms');
    if (showTerms) {
      showTerms.hidden = true;
    }
    var custom = document.getElementById('customDirectory');

    function chosen() {
      var radio = form.querySelector('input[name="directory"]:checked');
      if (!radio) {
        return '';
      }
      return radio.value === 'custom' ? (custom ? custom.value.trim() : '') : radio.value;
    }

    function show(lines) {
      while (terms.firstChild) {
        terms.removeChild(terms.firstChild);
      }
      var paragraph = document.createElement('p');
      lines.forEach(function (part) {
        paragraph.appendChild(part);
      });
      terms.appendChild(paragraph);
    }

    function update() {
      var directory = chosen();
      if (!directory) {
        show([document.createTextNode('Give the directory URL of the CA to see its terms of service.')]);
        return;
      }
      // A POST with the form's CSRF token: the portal reads the URL given.
      var body = new URLSearchParams();
      body.append('directory', directory);
      var roots = document.getElementById('caCertificates');
      var customRadio = form.querySelector('input[name="directory"][value="custom"]');
      if (roots && customRadio && customRadio.checked && roots.value.trim()) {
        body.append('caCertificates', roots.value);
      }
      var token = form.querySelector('input[name="_csrf"]');
      if (token) {
        body.append('_csrf', token.value);
      }
      fetch(terms.getAttribute('data-terms-url'),
        { method: 'POST', credentials: 'same-origin', headers: { Accept: 'application/json' }, body: body })
        .then(function (response) { return response.json(); })
        .then(function (answer) {
          if (answer.problem) {
            show([document.createTextNode('The terms cannot be shown: ' + answer.problem)]);
          }
          else if (answer.termsOfServiceLink) {
            var link = document.createElement('a');
            link.id = 'terms-link';
            link.href = answer.termsOfServiceLink;
            link.target = '_blank';
            link.rel = 'noopener';
            link.textContent = answer.termsOfService;
            show([document.createTextNode("The CA's terms of service: "), link]);
          }
          else if (answer.termsOfService) {
            var code = document.createElement('code');
            code.id = 'terms-text';
            code.textContent = answer.termsOfService;
            show([document.createTextNode("The CA's terms of service: "), code]);
          }
          else {
            show([document.createTextNode("The CA's directory does not say where its terms of service are.")]);
          }
        })
        .catch(function () {
          show([document.createTextNode('The terms cannot be shown right now; use Review to check the request.')]);
        });
    }

    form.querySelectorAll('input[name="directory"]').forEach(function (radio) {
      radio.addEventListener('change', update);
    });
    var rootsField = document.getElementById('caCertificates');
    if (rootsField) {
      rootsField.addEventListener('change', update);
    }
    if (custom) {
      custom.addEventListener('change', function () {
        var customRadio = form.querySelector('input[name="directory"][value="custom"]');
        if (customRadio) {
          customRadio.checked = true;
        }
        update();
      });
    }
  }

  document.addEventListener('DOMContentLoaded', function () {
    var section = document.getElementById('acme-progress');
    if (section) {
      followOrder(section);
    }
    var form = document.getElementById('acme-form');
    if (form) {
      followTerms(form);
    }
  });
}());
