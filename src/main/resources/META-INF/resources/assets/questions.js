// Debugging questions on the lab page: each form posts {"answer": ...} as JSON to the learner's API and shows
// right or wrong and the attempts. Every text set here comes from the page (data-msg-*) or the server, via textContent.
(function () {
  'use strict';

  function plural(form, n) {
    return n + ' ' + (n === 1 ? form.dataset.msgAttempt : form.dataset.msgAttempts);
  }

  function show(form, state, verdict, result) {
    var status = form.querySelector('.question-status');
    status.dataset.state = state;
    status.querySelector('.question-verdict').textContent = verdict;
    if (result) {
      status.dataset.attempts = String(result.attempts);
      status.querySelector('.question-attempts').textContent = result.attempts > 0 ? plural(form, result.attempts) : '';
      var points = status.querySelector('.question-points');
      points.textContent = points.textContent.replace(/^\d+\/\d+/, result.points + '/' + result.maxPoints);
    }
  }

  function submit(form) {
    var input = form.querySelector('input[name="answer"]');
    var button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    fetch(form.dataset.url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
      body: JSON.stringify({ answer: input.value })
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        if (!response.ok) {
          show(form, 'error', form.dataset.msgError + ' ' + (body.detail || response.status));
          button.disabled = false;
          return;
        }
        if (body.correct) {
          show(form, 'right', form.dataset.msgRight, body);
          input.readOnly = true;
        } else {
          show(form, 'wrong', form.dataset.msgWrong, body);
          button.disabled = false;
          input.select();
        }
      });
    }).catch(function (e) {
      show(form, 'error', form.dataset.msgError + ' ' + e.message);
      button.disabled = false;
    });
  }

  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (form instanceof HTMLFormElement && form.classList.contains('question')) {
      event.preventDefault();
      submit(form);
    }
  });
})();
