// Zoom buttons for the floor plan, and the booth asked for (?booth=) brought into view.
// Without this script the plan is still complete: it scrolls sideways on small screens and
// every booth is in the table below it.
(function () {
  "use strict";
  var steps = [1, 1.5, 2, 3, 4];
  document.querySelectorAll(".plan-scroller").forEach(function (scroller) {
    var figure = scroller.querySelector(".hall-plan");
    if (!figure) {
      return;
    }
    // Zoom from the width the plan has now: on a phone the plan is already wider than the
    // screen (its minimum width), so a percentage of the screen changed nothing at first.
    var base = figure.getBoundingClientRect().width;
    var level = 0;
    var tools = document.createElement("div");
    tools.className = "plan-tools";
    function button(label, text, change) {
      var element = document.createElement("button");
      element.type = "button";
      element.className = "button button-secondary";
      element.setAttribute("aria-label", label);
      element.textContent = text;
      element.addEventListener("click", function () {
        level = Math.max(0, Math.min(steps.length - 1, level + change));
        figure.style.width = level === 0 ? "" : Math.round(base * steps[level]) + "px";
        reveal(scroller);
      });
      return element;
    }
    tools.appendChild(button(scroller.dataset.zoomIn || "Zoom in", "+", 1));
    tools.appendChild(button(scroller.dataset.zoomOut || "Zoom out", "−", -1));
    scroller.parentNode.insertBefore(tools, scroller);
    reveal(scroller);
  });

  // The highlighted booth in the middle of the plan's box, without moving the page.
  function reveal(scroller) {
    var booth = scroller.querySelector(".booth.is-highlighted");
    if (!booth) {
      return;
    }
    var box = scroller.getBoundingClientRect();
    var place = booth.getBoundingClientRect();
    scroller.scrollLeft += place.left - box.left - (box.width - place.width) / 2;
    scroller.scrollTop += place.top - box.top - (box.height - place.height) / 2;
  }

  // The plan of the booth asked for, in view when the page opens.
  var highlighted = document.querySelector(".plan-scroller .booth.is-highlighted");
  if (highlighted && !window.location.hash) {
    highlighted.closest(".plan-scroller").scrollIntoView({ block: "start" });
  }
})();
