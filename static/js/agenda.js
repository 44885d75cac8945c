// Star and unstar sessions without leaving the page. Without this script the star buttons
// are plain forms that post and come back to the same place.
(function () {
  "use strict";
  var counters = document.querySelectorAll("[data-agenda-count]");

  function show(form, starred) {
    var button = form.querySelector("button");
    form.querySelector("input[name=action]").value = starred ? "unstar" : "star";
    button.setAttribute("aria-pressed", starred ? "true" : "false");
    button.querySelector(".star-icon").textContent = starred ? "★" : "☆";
    button.querySelector(".star-label").textContent = starred ? form.dataset.labelUnstar : form.dataset.labelStar;
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("[data-star-form]") || !window.fetch) {
      return;
    }
    event.preventDefault();
    var button = form.querySelector("button");
    button.disabled = true;
    // getAttribute: the form's "action" input shadows form.action.
    fetch(form.getAttribute("action"), {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        // A refused post may answer with a page, not JSON (a stale CSRF token, say).
        var parsed = response.json().catch(function () {
          return {};
        });
        return parsed.then(function (data) {
          if (!response.ok) {
            throw new Error(data.error || form.dataset.error);
          }
          return data;
        });
      })
      .then(function (data) {
        // The same session can be on the page twice (a card and its page's button).
        document.querySelectorAll("[data-star-form]").forEach(function (other) {
          if (other.querySelector("input[name=session]").value === String(data.session)) {
            show(other, data.starred);
          }
        });
        counters.forEach(function (counter) {
          counter.textContent = data.count;
          counter.hidden = data.count === 0;
        });
      })
      .catch(function (error) {
        window.alert(error.message || form.dataset.error);
      })
      .finally(function () {
        button.disabled = false;
      });
  });
})();
