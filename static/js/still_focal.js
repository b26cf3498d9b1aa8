/* A still's focal point and its two crops, on the desk's still page and the admin's: a
   click on the picture (or a number typed in the focal fields) moves the focal point, and
   the 16:9 card and square social crops are drawn over the picture where the renditions
   will cut them, moving with it. Without this file the focal fields still work. */
(function () {
  "use strict";

  // As reviews/stills/processing.py CROPS.
  var CROPS = { card: [16, 9], social: [1, 1] };

  // The largest box of the ratio inside the picture, centred on the focal point as far as
  // the edges allow: processing.crop_box, in the picture's own pixels.
  function cropBox(width, height, ratio, fx, fy) {
    var boxW = Math.min(width, Math.round((height * ratio[0]) / ratio[1]));
    var boxH = Math.min(height, Math.round((boxW * ratio[1]) / ratio[0]));
    var left = Math.min(Math.max(Math.round(fx * width - boxW / 2), 0), width - boxW);
    var top = Math.min(Math.max(Math.round(fy * height - boxH / 2), 0), height - boxH);
    return { left: left, top: top, width: boxW, height: boxH };
  }

  function clamp(value) {
    return Math.min(Math.max(value, 0), 1);
  }

  function setUp(box) {
    var image = box.querySelector("[data-focal-image]");
    var marker = box.querySelector("[data-focal-marker]");
    var form = box.closest("form") || document;
    var x = form.querySelector("input[name=focal_x]") || document.querySelector("input[name=focal_x]");
    var y = form.querySelector("input[name=focal_y]") || document.querySelector("input[name=focal_y]");
    if (!image || !marker) { return; }
    var width = parseInt(image.getAttribute("data-width"), 10) || image.naturalWidth;
    var height = parseInt(image.getAttribute("data-height"), 10) || image.naturalHeight;
    var crops = box.querySelectorAll("[data-crop]");
    var frame = image.parentElement;
    if (width && height) {
      // The frame is exactly the picture's box, however tall the still, so that the
      // outlines, in percentages of the frame, lie where the crops are cut.
      frame.style.width = "min(100%, calc(70vh * " + width + " / " + height + "))";
      frame.classList.add("still-focal__frame--sized");
    }

    function place(fx, fy) {
      fx = clamp(fx);
      fy = clamp(fy);
      marker.style.left = fx * 100 + "%";
      marker.style.top = fy * 100 + "%";
      marker.hidden = false;
      crops.forEach(function (outline) {
        var ratio = CROPS[outline.getAttribute("data-crop")];
        if (!ratio || !width || !height) { return; }
        var crop = cropBox(width, height, ratio, fx, fy);
        outline.style.left = (100 * crop.left) / width + "%";
        outline.style.top = (100 * crop.top) / height + "%";
        outline.style.width = (100 * crop.width) / width + "%";
        outline.style.height = (100 * crop.height) / height + "%";
        outline.hidden = false;
      });
      box.setAttribute("data-focal-at", fx.toFixed(3) + "," + fy.toFixed(3));
    }

    function fromFields() {
      var fx = x ? parseFloat(x.value) : NaN;
      var fy = y ? parseFloat(y.value) : NaN;
      place(isNaN(fx) ? parseFloat(marker.getAttribute("data-x")) || 0.5 : fx,
            isNaN(fy) ? parseFloat(marker.getAttribute("data-y")) || 0.5 : fy);
    }

    fromFields();
    if (!x || !y) { return; } // read only: the crops are shown, not moved
    image.style.cursor = "crosshair";
    image.addEventListener("click", function (event) {
      var rect = image.getBoundingClientRect();
      var fx = clamp((event.clientX - rect.left) / rect.width);
      var fy = clamp((event.clientY - rect.top) / rect.height);
      x.value = fx.toFixed(3);
      y.value = fy.toFixed(3);
      place(fx, fy);
    });
    [x, y].forEach(function (input) {
      input.addEventListener("input", fromFields);
    });
  }

  document.querySelectorAll("[data-focal]").forEach(setUp);
})();
