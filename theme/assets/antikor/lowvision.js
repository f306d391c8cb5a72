/* «Версия для слабовидящих»: the panel's radio groups set data-ak-* attributes on <html> and keep
   them in localStorage under "ak-lowvision"; the inline script in <head> reapplies them on every
   page before the first paint. Styles are in lowvision.css. */
(function () {
  "use strict";

  var KEY = "ak-lowvision";
  var SETTINGS = ["font", "scheme", "spacing", "images"];
  var root = document.documentElement;
  var text = readText();

  function readText() {
    var node = document.getElementById("ak-a11y-text");
    try {
      return node ? JSON.parse(node.textContent) : {};
    } catch (e) {
      return {};
    }
  }

  function load() {
    try {
      var stored = JSON.parse(localStorage.getItem(KEY) || "{}");
      return stored && typeof stored === "object" ? stored : {};
    } catch (e) {
      return {};
    }
  }

  function save(settings) {
    try {
      if (Object.keys(settings).length) {
        localStorage.setItem(KEY, JSON.stringify(settings));
      } else {
        localStorage.removeItem(KEY);
      }
    } catch (e) {
      /* Storage disabled: the choice holds for this page only. */
    }
  }

  function current() {
    var settings = {};
    SETTINGS.forEach(function (name) {
      var value = root.getAttribute("data-ak-" + name);
      if (value) settings[name] = value;
    });
    return settings;
  }

  function apply(settings) {
    SETTINGS.forEach(function (name) {
      var value = settings[name];
      if (value && /^[a-z]+$/.test(value)) {
        root.setAttribute("data-ak-" + name, value);
      } else {
        root.removeAttribute("data-ak-" + name);
      }
    });
    showAltTexts();
  }

  /* With images off, each image's text alternative takes its place. */
  function showAltTexts() {
    if (root.getAttribute("data-ak-images") !== "off") return;
    var images = document.querySelectorAll("body img");
    Array.prototype.forEach.call(images, function (image) {
      var alt = (image.getAttribute("alt") || "").trim();
      var next = image.nextElementSibling;
      if (!alt || (next && next.classList.contains("ak-alt"))) return;
      var note = document.createElement("span");
      note.className = "ak-alt";
      note.textContent = (text.image ? text.image + ": " : "") + alt;
      image.insertAdjacentElement("afterend", note);
    });
  }

  function syncRadios(widget, settings) {
    var radios = widget.querySelectorAll("input[data-ak-setting]");
    Array.prototype.forEach.call(radios, function (radio) {
      radio.checked = (settings[radio.getAttribute("data-ak-setting")] || "") === radio.value;
    });
  }

  function announce(widget, message) {
    var region = widget.querySelector("[data-ak-announce]");
    if (!region) return;
    /* Clear first so that the same message twice is announced twice. */
    region.textContent = "";
    window.setTimeout(function () {
      region.textContent = message;
    }, 50);
  }

  function describe(radio) {
    var group = radio.closest("fieldset");
    var legend = group && group.querySelector("legend");
    var label = radio.closest("label");
    return (legend ? legend.textContent.trim() + ": " : "") + (label ? label.textContent.trim() : "");
  }

  function setUp(widget) {
    var toggle = widget.querySelector(".ak-lowvision__toggle");
    var panel = widget.querySelector(".ak-lowvision__panel");

    function open(expanded) {
      toggle.setAttribute("aria-expanded", expanded ? "true" : "false");
      panel.hidden = !expanded;
    }

    toggle.addEventListener("click", function () {
      open(panel.hidden);
    });

    panel.addEventListener("change", function (event) {
      var radio = event.target;
      if (!radio.matches("input[data-ak-setting]")) return;
      var settings = current();
      var name = radio.getAttribute("data-ak-setting");
      if (radio.value) {
        settings[name] = radio.value;
      } else {
        delete settings[name];
      }
      apply(settings);
      save(settings);
      announce(widget, describe(radio));
    });

    var reset = panel.querySelector("[data-ak-reset]");
    reset.addEventListener("click", function () {
      apply({});
      save({});
      syncRadios(widget, {});
      announce(widget, reset.getAttribute("data-ak-announce-text") || "");
    });

    panel.querySelector("[data-ak-close]").addEventListener("click", function () {
      open(false);
      toggle.focus();
    });

    widget.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !panel.hidden) {
        open(false);
        toggle.focus();
      }
    });

    syncRadios(widget, current());
    widget.hidden = false;
  }

  /* Another tab changed the settings: follow it. */
  window.addEventListener("storage", function (event) {
    if (event.key !== KEY && event.key !== null) return;
    var settings = load();
    apply(settings);
    Array.prototype.forEach.call(document.querySelectorAll("[data-ak-lowvision]"), function (w) {
      syncRadios(w, settings);
    });
  });

  Array.prototype.forEach.call(document.querySelectorAll("[data-ak-lowvision]"), setUp);
  showAltTexts();
})();
