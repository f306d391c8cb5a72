/* antikor: the copy-link control of plan and report rows.
 *
 * Each measure row has an anchor (#m-<key>) and a hidden button; with scripts on, the button is
 * shown and copies the row's address. The result is announced through a polite live region.
 * Without the Clipboard API (a site served over plain http), the address is selected in a text
 * field the user can copy from, and the address bar points at the row.
 */
(function () {
  "use strict";

  function announce(region, text) {
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  function rowAddress(anchor) {
    var url = new URL(window.location.href);
    url.hash = anchor;
    return url.href;
  }

  function copyFallback(text) {
    var field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.className = "ak-visually-hidden";
    document.body.appendChild(field);
    field.select();
    var copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (error) {
      copied = false;
    }
    document.body.removeChild(field);
    return copied;
  }

  function init() {
    var buttons = document.querySelectorAll("button[data-ak-copy]");
    if (!buttons.length) {
      return;
    }
    var region = document.createElement("div");
    region.className = "ak-visually-hidden";
    region.setAttribute("role", "status");
    region.setAttribute("aria-live", "polite");
    document.body.appendChild(region);

    Array.prototype.forEach.call(buttons, function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var anchor = button.getAttribute("data-ak-copy");
        var address = rowAddress(anchor);
        var done = function () { announce(region, button.getAttribute("data-ak-copied") || ""); };
        var failed = function () {
          window.history.replaceState(null, "", "#" + anchor);
          announce(region, button.getAttribute("data-ak-copy-failed") || "");
        };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(address).then(done, function () {
            if (copyFallback(address)) { done(); } else { failed(); }
          });
        } else if (copyFallback(address)) {
          done();
        } else {
          failed();
        }
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

/* antikor: a measure's results across reports are folded on screen and printed in full: every
 * folded block is opened before printing and folded again afterwards. */
(function () {
  "use strict";
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = Array.prototype.slice.call(document.querySelectorAll("details.ak-history-results:not([open])"));
    opened.forEach(function (block) { block.open = true; });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (block) { block.open = false; });
    opened = [];
  });
})();

/* antikor: long cells of plan and report tables are folded on wide screens, with a button that
 * unfolds them. The text stays in the page: the browser's find, a screen reader and printing
 * read it all (print.css lifts the fold). Phones show cards in full. */
(function () {
  "use strict";
  var LIMIT = 18; // em: a cell taller than this is folded to FOLDED
  var wide = window.matchMedia("(min-width: 60em)");

  function fold(cell, index, more, less) {
    var id = "ak-long-" + index;
    var box = document.createElement("div");
    box.className = "ak-long ak-long--folded";
    box.id = id;
    while (cell.firstChild) box.appendChild(cell.firstChild);
    cell.appendChild(box);
    var button = document.createElement("button");
    button.type = "button";
    button.className = "ak-long__toggle";
    button.setAttribute("aria-controls", id);
    button.setAttribute("aria-expanded", "false");
    button.textContent = more;
    button.addEventListener("click", function () {
      var folded = box.classList.toggle("ak-long--folded");
      button.setAttribute("aria-expanded", folded ? "false" : "true");
      button.textContent = folded ? more : less;
    });
    cell.appendChild(button);
  }

  function run() {
    if (!wide.matches) return;
    var table = document.querySelector(".ak-plan[data-ak-more]");
    if (!table) return;
    var more = table.getAttribute("data-ak-more");
    var less = table.getAttribute("data-ak-less");
    var em = parseFloat(getComputedStyle(table).fontSize) || 14;
    var cells = table.querySelectorAll("td.ak-col--execution");
    var index = 0;
    Array.prototype.forEach.call(cells, function (cell) {
      if (cell.scrollHeight > LIMIT * em * 1.6) fold(cell, index++, more, less);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
  else run();
})();
