// Scanning a badge with the camera (exhibitor portal, /exhibit/leads/scan/). Where the browser
// reads QR codes itself (the BarcodeDetector API) and has a camera, a button opens the camera
// and fills the badge code field with the first QR code it sees. Everywhere else the button
// stays hidden and the typed code works as before; no library is loaded.
(function () {
  "use strict";
  var box = document.getElementById("badge-camera");
  var field = document.getElementById("id_code");
  if (!box || !field || !("BarcodeDetector" in window) || !navigator.mediaDevices ||
      !navigator.mediaDevices.getUserMedia) {
    return;
  }
  var start = document.getElementById("badge-camera-start");
  var startLabel = start.textContent;
  var stream = null;
  var video = null;
  var detector = null;

  function stop() {
    if (stream) {
      stream.getTracks().forEach(function (track) { track.stop(); });
    }
    stream = null;
    if (video) {
      video.remove();
    }
    video = null;
    start.textContent = startLabel;
  }

  function say(text) {
    var note = box.querySelector(".hint") || document.createElement("p");
    note.className = "hint";
    note.setAttribute("role", "status");
    note.textContent = text;
    box.appendChild(note);
  }

  function look() {
    if (!video) {
      return;
    }
    detector.detect(video).then(function (codes) {
      if (codes.length && codes[0].rawValue) {
        field.value = codes[0].rawValue;
        stop();
        field.focus();
        return;
      }
      window.requestAnimationFrame(look);
    }, function () {
      window.setTimeout(look, 250);
    });
  }

  function open() {
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false }).then(
      function (media) {
        stream = media;
        video = document.createElement("video");
        video.className = "badge-camera-video";
        video.setAttribute("playsinline", "");
        video.muted = true;
        video.srcObject = media;
        box.appendChild(video);
        start.textContent = box.dataset.stop;
        video.play().then(look, look);
      },
      function () {
        stop();
        say(box.dataset.noCamera);
      }
    );
  }

  window.BarcodeDetector.getSupportedFormats().then(function (formats) {
    if (formats.indexOf("qr_code") === -1) {
      return;
    }
    detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    box.hidden = false;
    start.addEventListener("click", function () {
      if (stream) {
        stop();
      } else {
        open();
      }
    });
  }, function () {});
  window.addEventListener("pagehide", stop);
})();
