// A plain textarea with a line-number gutter and underlined markers.
//
// Behind the (transparent) textarea lies a <pre> with the same text in the
// same font, in which marked ranges are wrapped in <mark>: their text is
// invisible, their wavy underline is not. The gutter and the <pre> follow
// the textarea's scrolling. Lines never wrap, so line N of the gutter is
// line N of the text.

const escapes = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };
const escape = (text) => text.replace(/[&<>"]/g, (c) => escapes[c]);

/**
 * The UTF-16 offset of a 1-based line and column, the column counted in
 * characters (code points), as kader counts it. Clamped to the text.
 */
export function offsetOf(text, line, column) {
  let offset = 0;
  for (let l = 1; l < line; l += 1) {
    const next = text.indexOf("\n", offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  for (let c = 1; c < column && offset < text.length; c += 1) {
    if (text[offset] === "\n") break;
    offset += text.codePointAt(offset) > 0xffff ? 2 : 1;
  }
  return offset;
}

/** The 1-based line of a UTF-16 offset. */
export function lineOf(text, offset) {
  let line = 1;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) line += 1;
  return line;
}

export class Editor {
  /**
   * @param {HTMLElement} root an element holding a `.gutter`, a `.marks`
   *   <pre> and a <textarea>
   * @param {() => void} onInput called after every edit
   */
  constructor(root, onInput) {
    this.root = root;
    this.textarea = root.querySelector("textarea");
    this.gutter = root.querySelector(".gutter");
    this.gutterLines = document.createElement("div");
    this.gutter.append(this.gutterLines);
    this.marks = root.querySelector(".marks");
    this.markers = [];
    this.textarea.addEventListener("input", () => {
      // Old markers point at old text: drop them until the next check.
      this.markers = [];
      this.render();
      onInput();
    });
    this.textarea.addEventListener("scroll", () => this.follow());
    this.render();
  }

  get value() {
    return this.textarea.value;
  }

  set value(text) {
    this.textarea.value = text;
    this.markers = [];
    this.render();
    this.textarea.scrollTop = 0;
    this.textarea.scrollLeft = 0;
    this.follow();
  }

  /**
   * Marks ranges of the text.
   * @param {{from: number, to: number, severity: "error"|"warning", message: string}[]} markers
   *   UTF-16 offsets, `to` exclusive
   */
  setMarkers(markers) {
    this.markers = markers;
    this.render();
  }

  render() {
    const text = this.textarea.value;
    const lines = text.split("\n").length;
    const lineSeverity = new Map();
    const lineMessages = new Map();
    for (const m of this.markers) {
      const line = lineOf(text, m.from);
      if (lineSeverity.get(line) !== "error") lineSeverity.set(line, m.severity);
      lineMessages.set(line, [...(lineMessages.get(line) ?? []), m.message]);
    }
    let gutter = "";
    for (let line = 1; line <= lines; line += 1) {
      const severity = lineSeverity.get(line);
      gutter += severity
        ? `<div class="${severity}" data-line="${line}" title="${escape(lineMessages.get(line).join("\n"))}">${line}</div>`
        : `<div>${line}</div>`;
    }
    this.gutterLines.innerHTML = gutter;

    const sorted = [...this.markers].sort((a, b) => a.from - b.from || b.to - a.to);
    let html = "";
    let at = 0;
    for (const m of sorted) {
      const from = Math.max(m.from, at);
      let to = Math.max(m.to, from);
      if (from >= text.length && at > text.length) continue;
      html += escape(text.slice(at, from));
      if (to === from && from < text.length && text[from] !== "\n") to = from + 1;
      const marked = to > from ? escape(text.slice(from, to)) : " ";
      html += `<mark class="${m.severity}" data-message="${escape(m.message)}">${marked}</mark>`;
      at = to;
    }
    // A final newline shows an empty last line in a textarea, not in a <pre>.
    html += `${escape(text.slice(at))} `;
    this.marks.innerHTML = html;
    this.follow();
  }

  follow() {
    const { scrollTop, scrollLeft } = this.textarea;
    this.marks.style.transform = `translate(${-scrollLeft}px, ${-scrollTop}px)`;
    this.gutterLines.style.transform = `translateY(${-scrollTop}px)`;
  }

  /** Puts the cursor on a range and scrolls it into view. */
  reveal(from, to = from) {
    const { textarea } = this;
    textarea.focus({ preventScroll: true });
    textarea.setSelectionRange(from, to);
    const style = getComputedStyle(textarea);
    const lineHeight = parseFloat(style.lineHeight) || 18;
    const line = lineOf(textarea.value, from);
    textarea.scrollTop = Math.max(0, (line - 1) * lineHeight - textarea.clientHeight / 3);
    this.follow();
  }
}
