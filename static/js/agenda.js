// Stars on shared pages. The pages are the same for every visitor (and cached), so they show
// no one's stars: this script asks /agenda/state/ for the visitor's own (only when the browser
// has an agenda), marks the buttons and the header count, and stars without leaving the page.
// Without it every star button opens the session's star page, which does the same in two steps.
(function () {
  "use strict";
  var form = document.getElementById("star-form");
  if (!form || !window.fetch) {
    return;
  }
  var counters = document.querySelectorAll("[data-agenda-count]");
  var state = null;

  function buttons() {
    return document.querySelectorAll("button[data-star]");
  }

  function show(button, starred) {
    button.setAttribute("aria-pressed", starred ? "true" : "false");
    button.querySelector(".star-icon").textContent = starred ? "★" : "☆";
    button.querySelector(".star-label").textContent = starred ? form.dataset.labelUnstar : form.dataset.labelStar;
  }

  function count(total) {
    counters.forEach(function (counter) {
      counter.textContent = total;
      counter.hidden = total === 0;
    });
  }

  function loadState() {
    if (!state) {
      state = fetch(form.dataset.state, { credentials: "same-origin", headers: { Accept: "application/json" } }).then(
        function (response) {
          if (!response.ok) {
            throw new Error(form.dataset.error);
          }
          return response.json();
        }
      );
    }
    return state;
  }

  if (/(^|;\s*)has_agenda=/.test(document.cookie) && (buttons().length || counters.length)) {
    loadState()
      .then(function (data) {
        var starred = new Set(data.starred.map(String));
        buttons().forEach(function (button) {
          show(button, starred.has(button.value));
        });
        count(data.count);
      })
      .catch(function () {
        state = null; // asked again at the first star
      });
  }

  form.addEventListener("submit", function (event) {
    var button = event.submitter;
    if (!button || !button.matches("[data-star]")) {
      return;
    }
    event.preventDefault();
    button.disabled = true;
    var starring = button.getAttribute("aria-pressed") !== "true";
    loadState()
      .then(function (data) {
        var body = new FormData();
        body.append("csrfmiddlewaretoken", data.csrf);
        body.append("session", button.value);
        body.append("action", starring ? "star" : "unstar");
        return fetch(form.getAttribute("action"), {
          method: "POST",
          body: body,
          headers: { Accept: "application/json" },
          credentials: "same-origin",
        });
      })
      .then(function (response) {
        // A refused post may answer with a page, not JSON (a stale CSRF token, say).
        return response
          .json()
          .catch(function () {
            return {};
          })
          .then(function (data) {
            if (!response.ok) {
              throw new Error(data.error || form.dataset.error);
            }
            return data;
          });
      })
      .then(function (data) {
        // The same session can be on the page twice (a card and its page's button).
        buttons().forEach(function (other) {
          if (other.value === String(data.session)) {
            show(other, data.starred);
          }
        });
        count(data.count);
      })
      .catch(function (error) {
        state = null;
        window.alert(error.message || form.dataset.error);
      })
      .finally(function () {
        button.disabled = false;
        button.focus();
      });
  });
})();
