/**
 * A page whose controls hold values a step must never carry: contenteditable text, a
 * self-labelled custom select, options, grid cells and rows, a textarea, an input's title.
 * Shared by tests/unit/capture/breadcrumbs.test.ts and tests/unit/capture/steps/element-name.test.ts.
 */
export const VALUE_BEARING_PAGE = `
      <div id="ed" contenteditable="true">typed-note-value <a href="/x">link inside</a></div>
      <div id="self" role="button" tabindex="0" aria-labelledby="self">self-labelled-value</div>
      <span id="sel-label">Namespace</span>
      <button id="custom" aria-haspopup="listbox" aria-labelledby="sel-label custom">custom-select-choice</button>
      <div id="combo" role="combobox" tabindex="0" aria-labelledby="combo">custom-select-choice</div>
      <div id="note" contenteditable="true">labelled-by-editable</div>
      <button id="by-editable" aria-labelledby="note">x</button>
      <ul role="listbox" aria-label="Namespaces">
        <li id="opt" role="option" aria-label="option-value">option-value</li>
      </ul>
      <div role="grid" aria-label="Pods">
        <div id="row" role="row" aria-label="row-value"><span id="cell" role="gridcell">cell-value</span></div>
      </div>
      <label for="ta">Description</label><textarea id="ta">textarea-value</textarea>
      <input id="titled" type="text" title="title-value" value="title-value">
      <div id="lb" role="listbox" tabindex="0" aria-labelledby="lb">listbox-choice</div>
    `;

/** Every value on that page: none may appear in a step. */
export const PAGE_VALUES = [
  'typed-note-value',
  'self-labelled-value',
  'custom-select-choice',
  'labelled-by-editable',
  'option-value',
  'cell-value',
  'row-value',
  'textarea-value',
  'title-value',
  'listbox-choice',
];
