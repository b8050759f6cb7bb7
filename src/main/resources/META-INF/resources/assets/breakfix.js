/* Breakfix learner pages: small progressive enhancements on top of server-rendered HTML and htmx. */
(function () {
  'use strict';

  // ---- the page's texts: in its language, handed over by the template (web/base.html) -----------

  /** The text for {@code key} (a data attribute of #bf-strings), with %n and %s filled in. */
  function t(key, value) {
    var el = document.getElementById('bf-strings');
    var text = (el && el.dataset[key]) || key;
    return value === undefined ? text : text.replace('%n', value).replace('%s', value);
  }

  // ---- copying commands ----------------------------------------------------------------------

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.style.position = 'fixed';
      area.style.opacity = '0';
      document.body.appendChild(area);
      area.select();
      try {
        document.execCommand('copy') ? resolve() : reject(new Error('copy refused'));
      } catch (e) {
        reject(e);
      } finally {
        document.body.removeChild(area);
      }
    });
  }

  function flash(button, text) {
    var label = button.querySelector('.copy-label') || button;
    var before = label.dataset.label || label.textContent;
    label.dataset.label = before;
    label.textContent = text;
    button.classList.add('copied');
    setTimeout(function () {
      label.textContent = before;
      button.classList.remove('copied');
    }, 1600);
  }

  function addCopyButtons(root) {
    root.querySelectorAll('.lab-text .listingblock, .codeblock').forEach(function (block) {
      if (block.querySelector(':scope > .copy-btn')) {
        return;
      }
      var pre = block.querySelector('pre');
      if (!pre) {
        return;
      }
      var code = pre.querySelector('code');
      var lang = code && code.dataset.lang;
      if (lang) {
        block.dataset.lang = lang;
      }
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'copy-btn';
      button.setAttribute('aria-label', lang === 'shell' ? t('copyCommand') : t('copy'));
      button.innerHTML = '<svg viewBox="0 0 20 20" width="14" height="14" aria-hidden="true"><rect x="7" y="7" width="10" height="10" rx="2" fill="none" stroke="currentColor" stroke-width="1.6"/><path d="M13 4.5V4a1.5 1.5 0 0 0-1.5-1.5h-7A1.5 1.5 0 0 0 3 4v7a1.5 1.5 0 0 0 1.5 1.5H5" fill="none" stroke="currentColor" stroke-width="1.6"/></svg><span class="copy-label"></span>';
      button.querySelector('.copy-label').textContent = t('copy');
      button.addEventListener('click', function () {
        copyText(pre.innerText.replace(/\n$/, '')).then(function () {
          flash(button, t('copied'));
        }, function () {
          flash(button, t('pressCtrlC'));
        });
      });
      block.appendChild(button);
    });
  }

  document.addEventListener('click', function (event) {
    var chip = event.target.closest('[data-copy]');
    if (chip) {
      copyText(chip.dataset.copy).then(function () {
        chip.classList.add('copied');
        setTimeout(function () { chip.classList.remove('copied'); }, 1200);
      });
    }
  });

  // ---- busy buttons, dialogs, clearing ------------------------------------------------------

  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (form.dataset && form.dataset.busy) {
      var button = form.querySelector('button[type=submit]');
      if (button) {
        button.disabled = true;
        button.classList.add('is-busy');
        button.textContent = form.dataset.busy;
      }
    }
  });

  document.addEventListener('click', function (event) {
    var opener = event.target.closest('[data-open-dialog]');
    if (opener) {
      var dialog = document.getElementById(opener.dataset.openDialog);
      if (dialog && typeof dialog.showModal === 'function') {
        dialog.showModal();
      }
      return;
    }
    var closer = event.target.closest('[data-close-dialog]');
    if (closer) {
      var d = closer.closest('dialog');
      if (d) {
        d.close();
      }
      return;
    }
    var clear = event.target.closest('[data-clear]');
    if (clear) {
      var target = document.querySelector(clear.dataset.clear);
      if (target) {
        target.innerHTML = '';
      }
    }
  });

  document.addEventListener('htmx:afterRequest', function (event) {
    var elt = event.detail.elt;
    if (elt && elt.hasAttribute && elt.hasAttribute('data-close-dialog-after')) {
      var dialog = elt.closest('dialog');
      if (dialog) {
        dialog.close();
      }
      var grade = document.getElementById('grade');
      if (grade) {
        grade.focus({ preventScroll: true });
      }
    }
  });

  // ---- the stability countdown ----------------------------------------------------------------

  function startCountdowns(root) {
    root.querySelectorAll('[data-countdown]').forEach(function (el) {
      if (el.dataset.started) {
        return;
      }
      el.dataset.started = '1';
      var left = parseInt(el.dataset.countdown, 10) || 0;
      var timer = setInterval(function () {
        if (!document.body.contains(el)) {
          clearInterval(timer);
          return;
        }
        left -= 1;
        if (left > 0) {
          el.textContent = t(left === 1 ? 'stableOne' : 'stableMany', left);
        } else {
          el.textContent = t('checkingAgain');
          clearInterval(timer);
        }
      }, 1000);
    });
  }

  // ---- hints: focus the hint just revealed ----------------------------------------------------

  document.addEventListener('htmx:afterSwap', function (event) {
    if (event.detail.target && event.detail.target.id === 'hints') {
      var hints = event.detail.target.querySelectorAll('.hint');
      if (hints.length) {
        hints[hints.length - 1].focus();
      }
    }
  });

  // ---- acting on the lab through the learner API ----------------------------------------------

  function labScenario() {
    var layout = document.querySelector('[data-scenario]');
    return layout ? layout.dataset.scenario : null;
  }

  function showResult(result) {
    var box = document.getElementById('action-result');
    if (!box) {
      return;
    }
    box.innerHTML = '';
    var card = document.createElement('div');
    card.className = 'action-card ' + (result.ok ? 'action-ok' : 'action-error');
    card.setAttribute('role', result.ok ? 'status' : 'alert');
    var head = document.createElement('div');
    head.className = 'action-head';
    var title = document.createElement('strong');
    title.textContent = result.ok ? t('done') : (result.title || t('refused'));
    head.appendChild(title);
    var close = document.createElement('button');
    close.type = 'button';
    close.className = 'btn btn-xs btn-ghost';
    close.textContent = t('dismiss');
    close.addEventListener('click', function () { box.innerHTML = ''; });
    head.appendChild(close);
    card.appendChild(head);
    if (result.message) {
      var message = document.createElement('pre');
      message.className = 'action-message';
      message.textContent = result.message;
      card.appendChild(message);
    }
    if (result.explanation) {
      var explanation = document.createElement('p');
      explanation.className = 'action-explanation';
      appendWithCode(explanation, result.explanation);
      card.appendChild(explanation);
    }
    if (result.objects && result.objects.length) {
      var list = document.createElement('ul');
      list.className = 'action-objects';
      result.objects.forEach(function (o) {
        var li = document.createElement('li');
        var action = String(o.action || '');
        li.textContent = String(o.kind || '').toLowerCase() + '/' + o.name + ' '
          + (/^(created|configured|unchanged|deleted)$/.test(action) ? t(action) : action);
        list.appendChild(li);
      });
      card.appendChild(list);
    }
    box.appendChild(card);
  }

  /** Text with `code` spans as <code> elements, built from text nodes only (never parsed as HTML). */
  function appendWithCode(parent, text) {
    String(text).split('`').forEach(function (part, i) {
      if (i % 2 === 1) {
        var code = document.createElement('code');
        code.textContent = part;
        parent.appendChild(code);
      } else if (part) {
        parent.appendChild(document.createTextNode(part));
      }
    });
  }

  /** The refusal kinds of the learner API (urn:breakfix:action:<kind>) and the keys of their titles. */
  var REFUSALS = {
    'pod-immutable': 'podImmutable',
    'api-refused': 'apiRefused',
    'manifest-refused': 'manifestRefused',
    'invalid-request': 'invalidRequest',
    'not-found': 'notFound',
    'conflict': 'conflict',
    'body-too-large': 'bodyTooLarge'
  };

  function refusalTitle(data, status) {
    var type = String(data.type || '');
    var code = type.indexOf('urn:breakfix:action:') === 0 ? type.substring('urn:breakfix:action:'.length) : '';
    return (REFUSALS[code] && t(REFUSALS[code])) || data.title || t('error', status);
  }

  function act(method, url, body, contentType) {
    var headers = { 'Accept': 'application/json' };
    if (contentType) {
      headers['Content-Type'] = contentType;
    }
    return fetch(url, { method: method, headers: headers, body: body, credentials: 'same-origin' })
      .then(function (response) {
        if (response.status === 401) {
          window.location.href = '/';
          return null;
        }
        return response.text().then(function (text) {
          var data = {};
          try {
            data = text ? JSON.parse(text) : {};
          } catch (e) {
            data = { detail: text };
          }
          if (typeof data.ok === 'boolean') {
            return data;
          }
          return {
            ok: response.ok,
            title: refusalTitle(data, response.status),
            message: data.detail || data.message || response.statusText,
            explanation: data.explanation,
            objects: data.objects
          };
        });
      })
      .catch(function (error) {
        return { ok: false, title: t('noAnswer'), message: t('noAnswerText', error.message) };
      })
      .then(function (result) {
        if (result) {
          showResult(result);
        }
        return result;
      });
  }

  function withBusy(button, promise) {
    if (!button) {
      return promise;
    }
    button.disabled = true;
    button.classList.add('is-busy');
    return promise.finally(function () {
      button.disabled = false;
      button.classList.remove('is-busy');
    });
  }

  document.addEventListener('submit', function (event) {
    var form = event.target;
    var action = form.dataset && form.dataset.action;
    if (!action) {
      return;
    }
    event.preventDefault();
    var submitter = event.submitter || form.querySelector('button[type=submit]');
    var url = form.dataset.url;
    if (action === 'set-image') {
      withBusy(submitter, act('POST', url, JSON.stringify({
        kind: form.dataset.kind,
        name: form.dataset.name,
        container: form.elements.container.value,
        image: form.elements.image.value.trim()
      }), 'application/json'));
    } else if (action === 'apply') {
      withBusy(submitter, act('POST', url, form.elements.yaml.value, 'application/yaml'));
    } else if (action === 'node-label') {
      var node = form.elements.node.value;
      var unlabel = submitter && submitter.value === 'unlabel';
      withBusy(submitter, act(unlabel ? 'DELETE' : 'PUT', url + encodeURIComponent(node))).then(function (result) {
        if (result && result.ok) {
          var option = form.elements.node.selectedOptions[0];
          if (option) {
            option.textContent = node + (unlabel ? '' : ' \u00b7 ' + t('hasYourLabel'));
          }
        }
      });
    }
  });

  document.addEventListener('click', function (event) {
    var button = event.target.closest('[data-delete-pod]');
    if (!button) {
      return;
    }
    var scenario = labScenario();
    withBusy(button, act('DELETE', '/learn/api/labs/' + encodeURIComponent(scenario) + '/pods/'
      + encodeURIComponent(button.dataset.deletePod)));
  });

  // ---- the YAML editor ------------------------------------------------------------------------

  function loadManifest(tool, force) {
    var area = tool.querySelector('textarea');
    if (!area || (!force && area.dataset.loaded)) {
      return;
    }
    area.setAttribute('aria-busy', 'true');
    fetch(tool.dataset.manifestUrl, { headers: { 'Accept': 'application/yaml' }, credentials: 'same-origin' })
      .then(function (response) {
        return response.text().then(function (text) {
          if (!response.ok) {
            var detail = text;
            try { detail = JSON.parse(text).detail || text; } catch (e) { /* plain text */ }
            throw new Error(detail);
          }
          return text;
        });
      })
      .then(function (yaml) {
        area.value = yaml;
        area.dataset.loaded = '1';
      }, function (error) {
        showResult({ ok: false, title: t('noManifest'), message: error.message });
      })
      .finally(function () {
        area.removeAttribute('aria-busy');
      });
  }

  document.addEventListener('toggle', function (event) {
    var tool = event.target;
    if (tool.id === 'yaml-tool' && tool.open) {
      loadManifest(tool, false);
    }
  }, true);

  document.addEventListener('click', function (event) {
    var reload = event.target.closest('[data-load-manifest]');
    if (reload) {
      loadManifest(reload.closest('#yaml-tool'), true);
    }
  });

  document.addEventListener('keydown', function (event) {
    // Tab in the YAML editor indents instead of leaving it; Escape then Tab leaves as usual.
    var area = event.target;
    if (area.classList && area.classList.contains('code-editor')) {
      if (event.key === 'Escape') {
        area.dataset.escaped = '1';
        return;
      }
      if (event.key === 'Tab' && !event.shiftKey && !area.dataset.escaped) {
        event.preventDefault();
        var start = area.selectionStart;
        area.setRangeText('  ', start, area.selectionEnd, 'end');
      }
      if (event.key !== 'Tab') {
        delete area.dataset.escaped;
      }
    }
  });

  // ---- wiring ---------------------------------------------------------------------------------

  function init(root) {
    addCopyButtons(root);
    startCountdowns(root);
  }

  document.addEventListener('DOMContentLoaded', function () {
    init(document);
    if (window.htmx) {
      htmx.onLoad(function (el) {
        init(el.nodeType === 1 ? el : document);
      });
    }
  });
})();
