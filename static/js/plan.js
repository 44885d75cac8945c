// Zoom buttons for the floor plan. Without this script the plan is still complete: it
// scrolls sideways on small screens and every booth is in the table below it.
(function () {
  "use strict";
  var steps = [1, 1.5, 2, 3, 4];
  document.querySelectorAll(".plan-scroller").forEach(function (scroller) {
    var figure = scroller.querySelector(".hall-plan");
    if (!figure) {
      return;
    }
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
        figure.style.width = steps[level] * 100 + "%";
      });
      return element;
    }
    tools.appendChild(button(scroller.dataset.zoomIn || "Zoom in", "+", 1));
    tools.appendChild(button(scroller.dataset.zoomOut || "Zoom out", "−", -1));
    scroller.parentNode.insertBefore(tools, scroller);
  });
})();
