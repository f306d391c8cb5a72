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

  /* Labels that Material uses as buttons but leaves out of the keyboard's reach: the menu icon
     on narrow screens (a <label> for the hidden drawer checkbox) and, in the drawer, the title of
     a nested level that leads back up. They become buttons that Tab reaches and that Enter and
     Space press. */
  function labelButton(label, name) {
    label.setAttribute("role", "button");
    label.setAttribute("tabindex", "0");
    if (name) label.setAttribute("aria-label", name);
    label.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        /* Material clicks a focused label on Enter too: keep it from toggling back. */
        event.preventDefault();
        event.stopPropagation();
        label.click();
      }
    });
  }

  /* On narrow screens the open drawer is a dialog in all but name: what it covers is inert, it
     has a close button, and Escape closes it; focus goes in when it opens and back when it
     closes. */
  function menuButton() {
    var drawer = document.getElementById("__drawer");
    var button = document.querySelector('.md-header label.md-header__button[for="__drawer"]');
    var inner = document.querySelector(".md-sidebar--primary .md-sidebar__inner");
    if (!drawer || !button || !inner) return;
    labelButton(button, text.menu);
    var narrow = window.matchMedia("(max-width: 76.234375em)");
    var covered = document.querySelectorAll(
      ".ak-skip, .ak-topbar, .md-header, .md-content, .md-sidebar--secondary, .md-footer, .md-top"
    );
    var close = document.createElement("button");
    close.type = "button";
    close.className = "ak-drawer-close";
    close.textContent = text.menuClose || "×";
    inner.insertBefore(close, inner.firstChild);

    function sync() {
      var open = drawer.checked;
      var modal = open && narrow.matches;
      button.setAttribute("aria-expanded", open ? "true" : "false");
      Array.prototype.forEach.call(covered, function (element) {
        if (modal) {
          element.setAttribute("inert", "");
        } else {
          element.removeAttribute("inert");
        }
      });
      return modal;
    }

    function shut() {
      if (drawer.checked) drawer.click();
      button.focus();
    }

    drawer.addEventListener("change", function () {
      if (sync()) close.focus();
    });
    narrow.addEventListener("change", sync);
    close.addEventListener("click", shut);
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && drawer.checked) shut();
    });
    sync();
  }

  function menuLevels() {
    var sidebar = document.querySelector(".md-sidebar--primary");
    var drawer = document.getElementById("__drawer");
    if (!sidebar || !drawer) return;
    var titles = sidebar.querySelectorAll('.md-nav label.md-nav__title[for^="__nav"]');
    Array.prototype.forEach.call(titles, function (title) {
      var section = title.textContent.replace(/\s+/g, " ").trim();
      labelButton(title, text.menuBack ? text.menuBack + " (" + section + ")" : "");
    });
    /* In the drawer, opening or leaving a level hides what had focus: focus follows, to the way
       back from the opened level, or to the item whose level was left. */
    sidebar.addEventListener("change", function (event) {
      var toggle = event.target;
      if (!drawer.checked || !toggle.matches(".md-nav__toggle") || !sidebar.contains(document.activeElement)) return;
      var target = toggle.checked
        ? toggle.parentNode.querySelector(":scope > .md-nav > label.md-nav__title")
        : toggle.parentNode.querySelector(":scope > .md-nav__link a, :scope > .md-nav__link[for], :scope > a.md-nav__link");
      if (target) target.focus();
    });
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
  menuLevels();
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
