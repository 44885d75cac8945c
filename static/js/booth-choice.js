// Choosing a booth on the plan (exhibitor portal): a tap on a free booth shows that booth's page
// (size, price, what is included, the terms and the button that reserves it) in the panel next
// to the plan, without leaving the plan. Without this script the tap opens the same page, and
// any failure here opens it too.
(function () {
  "use strict";
  var panel = document.getElementById("booth-panel");
  if (!panel || !window.fetch || !window.DOMParser) {
    return;
  }
  var hint = Array.prototype.slice.call(panel.childNodes);
  var chosen = null;

  function mark(link) {
    document.querySelectorAll(".booth-chooser .booth.is-highlighted").forEach(function (booth) {
      booth.classList.remove("is-highlighted");
    });
    if (link) {
      link.classList.add("is-highlighted");
    }
    chosen = link;
  }

  function close() {
    var link = chosen;
    mark(null);
    panel.replaceChildren.apply(panel, hint);
    if (link) {
      link.focus();
    }
  }

  function rename(element, tag) {
    var renamed = document.createElement(tag);
    Array.prototype.forEach.call(element.attributes, function (attribute) {
      renamed.setAttribute(attribute.name, attribute.value);
    });
    renamed.replaceChildren.apply(renamed, Array.prototype.slice.call(element.childNodes));
    element.replaceWith(renamed);
  }

  // The page's article, its headings one level down (the page keeps its one h1), and a close
  // button instead of the links that lead back to the plan.
  function panelContent(article) {
    article.querySelectorAll("h2").forEach(function (heading) {
      rename(heading, "h3");
    });
    article.querySelectorAll("h1").forEach(function (heading) {
      rename(heading, "h2");
    });
    article.querySelectorAll("[data-page-only]").forEach(function (element) {
      element.remove();
    });
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button button-secondary booth-panel-close";
    button.textContent = panel.dataset.close || "Close";
    button.addEventListener("click", close);
    article.appendChild(button);
    return article;
  }

  function show(link) {
    var url = link.getAttribute("href");
    panel.setAttribute("aria-busy", "true");
    fetch(url, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.text();
      })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var article = page.getElementById("booth-choice");
        if (!article) {
          throw new Error("no booth on the page");
        }
        panel.replaceChildren(panelContent(document.adoptNode(article)));
        panel.removeAttribute("aria-busy");
        mark(link);
        panel.querySelector("h2").focus();
      })
      .catch(function () {
        window.location.href = url;
      });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".booth-chooser a.booth-available");
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    show(link);
  });
})();
