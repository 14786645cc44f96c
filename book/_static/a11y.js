/*
 * Accessibility fixes the theme's templates cannot make, because the markup comes from
 * notebook outputs (pandas) or from Sphinx itself. Jupyter Book adds this file to every page
 * because it sits in book/_static. Checked by scripts/a11y_check.py.
 *
 * 1. Empty header cells. pandas writes the top-left corner of a DataFrame (and the blank
 *    cells of its index-name row) as <th></th>: a header that names nothing, which screen
 *    readers announce before every cell of its row or column (axe: empty-table-header).
 *    An empty corner is not a header, so it becomes an ordinary cell, <td>.
 * 2. Header scope. pandas marks index cells as <th> in body rows; scope="row" says so,
 *    and column headers in <thead> get scope="col".
 * 3. Wide tables. Each table sits in a box that scrolls sideways instead of the page at
 *    320 px (WCAG 1.4.10). The box is a labelled region, so a screen-reader user knows what
 *    it holds, and it can take keyboard focus whenever it scrolls (WCAG 2.1.1), so a
 *    keyboard user can scroll it with the arrow keys. Its first column stays in view (a11y.css)
 *    and, while it scrolls, a line above it says so.
 */
(function () {
  "use strict";

  function replaceEmptyHeaderCells(table) {
    table.querySelectorAll("th").forEach(function (th) {
      if (th.textContent.trim() !== "" || th.querySelector("img, svg, [aria-label]")) {
        return;
      }
      var td = document.createElement("td");
      Array.prototype.forEach.call(th.attributes, function (attribute) {
        td.setAttribute(attribute.name, attribute.value);
      });
      th.replaceWith(td);
    });
  }

  function scopeHeaderCells(table) {
    table.querySelectorAll("thead th:not([scope])").forEach(function (th) {
      th.setAttribute("scope", "col");
    });
    table.querySelectorAll("tbody th:not([scope])").forEach(function (th) {
      th.setAttribute("scope", "row");
    });
  }

  // The table's own caption, or else the nearest heading before it, names the region.
  function describeTable(table) {
    var caption = table.querySelector("caption");
    if (caption && caption.textContent.trim()) {
      return caption.textContent.trim().replace(/\s+/g, " ");
    }
    var headings = Array.prototype.filter.call(
      document.querySelectorAll(".bd-article h1, .bd-article h2, .bd-article h3, .bd-article h4"),
      function (heading) {
        return heading.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING;
      }
    );
    if (headings.length) {
      return headings[headings.length - 1].textContent.replace(/[#¶]/g, "").trim().replace(/\s+/g, " ");
    }
    return "";
  }

  // The element that scrolls the table: the theme's wrapper, a notebook output box, or one we add.
  function scrollBoxFor(table) {
    var box = table.closest(".pst-scrollable-table-container, .cell_output .output");
    if (box) {
      return box;
    }
    box = document.createElement("div");
    table.parentNode.insertBefore(box, table);
    box.appendChild(table);
    return box;
  }

  // A visible line above a table that scrolls sideways, so a sighted reader knows there is more.
  // Screen readers hear the region's name instead, so the line is hidden from them.
  function scrollHintFor(box) {
    var hint = box.previousElementSibling;
    if (hint && hint.classList.contains("a11y-scroll-hint")) {
      return hint;
    }
    hint = document.createElement("p");
    hint.className = "a11y-scroll-hint";
    hint.setAttribute("aria-hidden", "true");
    hint.hidden = true;
    box.parentNode.insertBefore(hint, box);
    return hint;
  }

  function updateFocusability(boxes) {
    boxes.forEach(function (box) {
      var wide = box.scrollWidth > box.clientWidth + 1;
      var scrolls = wide || box.scrollHeight > box.clientHeight + 1;
      box.tabIndex = scrolls ? 0 : -1;
      box.classList.toggle("a11y-scrolls", wide);
      var table = box.querySelector("table");
      if (table) {
        var hint = scrollHintFor(box);
        var columns = table.rows.length ? table.rows[0].cells.length : 0;
        hint.textContent = "Swipe or scroll the table sideways to see all " + columns + " columns; the first stays in view.";
        hint.hidden = !wide;
      }
    });
  }

  // A file path or code in the fixed first column may break anywhere (it cannot otherwise
  // wrap), so the column stays narrower than the screen and can be held in view.
  function letLongWordsBreak(table) {
    Array.prototype.forEach.call(table.rows, function (row) {
      var cell = row.cells[0];
      if (cell && /\S{24,}/.test(cell.textContent)) {
        cell.classList.add("a11y-break-anywhere");
      }
    });
  }

  function labelScrollBoxes() {
    var boxes = [];
    var count = 0;
    document.querySelectorAll(".bd-article table").forEach(function (table) {
      replaceEmptyHeaderCells(table);
      scopeHeaderCells(table);
      letLongWordsBreak(table);
      var box = scrollBoxFor(table);
      if (boxes.indexOf(box) !== -1) {
        return;
      }
      count += 1;
      box.classList.add("a11y-scroll-region");
      box.setAttribute("role", "region");
      // Numbered so that every region on the page has a different name.
      var about = describeTable(table);
      box.setAttribute("aria-label", "Table " + count + (about ? ": " + about : "") + " (scrolls sideways if wide)");
      boxes.push(box);
    });
    updateFocusability(boxes);
    // Whether a box scrolls changes with the window's width, with fonts loading, and when a
    // collapsed dropdown holding it is opened; a ResizeObserver sees all three.
    if (window.ResizeObserver) {
      var observer = new ResizeObserver(function () {
        updateFocusability(boxes);
      });
      boxes.forEach(function (box) {
        observer.observe(box);
        if (box.firstElementChild) {
          observer.observe(box.firstElementChild);
        }
      });
    } else {
      window.addEventListener("resize", function () {
        updateFocusability(boxes);
      });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", labelScrollBoxes);
  } else {
    labelScrollBoxes();
  }
})();
