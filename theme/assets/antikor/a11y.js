/* Keyboard and screen-reader fixes for Material's markup, and link targets for print. */
(function () {
  "use strict";

  var node = document.getElementById("ak-a11y-text");
  var text = {};
  try {
    text = node ? JSON.parse(node.textContent) : {};
  } catch (e) {
    text = {};
  }

  /* Material's state checkboxes (drawer, search) are never shown, yet have no name. */
  function nameToggles() {
    [["__drawer", text.menu], ["__search", text.search]].forEach(function (pair) {
      var input = document.getElementById(pair[0]);
      if (input && pair[1] && !input.hasAttribute("aria-label")) {
        input.setAttribute("aria-label", pair[1]);
      }
    });
  }

  /* The menu icon on narrow screens is a <label> for the hidden drawer checkbox: make it a
     button that the keyboard reaches and that says whether the menu is open. */
  function menuButton() {
    var drawer = document.getElementById("__drawer");
    var button = document.querySelector('.md-header label.md-header__button[for="__drawer"]');
    if (!drawer || !button) return;
    button.setAttribute("role", "button");
    button.setAttribute("tabindex", "0");
    if (text.menu) button.setAttribute("aria-label", text.menu);
    function sync() {
      button.setAttribute("aria-expanded", drawer.checked ? "true" : "false");
    }
    button.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        /* Material clicks a focused label on Enter too: keep it from toggling back. */
        event.preventDefault();
        event.stopPropagation();
        drawer.click();
      }
    });
    drawer.addEventListener("change", sync);
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && drawer.checked) {
        drawer.click();
        button.focus();
      }
    });
    sync();
  }

  /* A table wrapper that scrolls sideways must take focus so the keyboard can scroll it, and
     then needs a name; one that does not scroll stays out of the tab order. */
  function scrollRegions() {
    var wraps = document.querySelectorAll(".md-typeset__scrollwrap, .ak-table-wrap");
    Array.prototype.forEach.call(wraps, function (wrap) {
      var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
      if (scrolls) {
        var caption = wrap.querySelector("caption");
        var label = caption ? caption.textContent.replace(/\s+/g, " ").trim() : "";
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", label || text.table || "");
      } else if (wrap.hasAttribute("tabindex")) {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }

  /* Printed pages show where links lead: the full address, unless the link text already is it.
     Links within the page and status badges (their row says the same) are left out. */
  function printTargets() {
    var links = document.querySelectorAll(".md-content a[href]");
    Array.prototype.forEach.call(links, function (link) {
      var href = link.getAttribute("href");
      if (!href || href.charAt(0) === "#" || link.classList.contains("ak-status")) return;
      var target = link.href.replace(/^(mailto|tel):/, "");
      try {
        target = decodeURI(target);
      } catch (e) {
        /* Shown as it is. */
      }
      var shown = compact(link.textContent);
      if (shown.length > 5 && compact(target).indexOf(shown) !== -1) return;
      link.setAttribute("data-ak-href", target);
    });
  }

  function compact(value) {
    return value.replace(/[\s()\-]+/g, "");
  }

  nameToggles();
  menuButton();
  printTargets();
  window.addEventListener("load", scrollRegions);
  if ("ResizeObserver" in window) {
    new ResizeObserver(function () {
      scrollRegions();
    }).observe(document.body);
  } else {
    window.addEventListener("resize", scrollRegions);
  }
})();
