/// <reference lib="dom" />

/**
 * Runs in the page (Playwright serialises it, so it uses nothing from outside): what stops the
 * page reflowing into the window's width, in words. WCAG 1.4.10 lets a data table scroll sideways
 * inside its own box; such a box must be reachable and named for keyboard and screen reader
 * users, as GOV.UK's scrolling tables are: tabindex="0", role="region" and a label.
 */
export function reflowProblems(): string[] {
  const problems: string[] = [];
  const root = document.documentElement;
  const width = root.clientWidth;
  const where = (element: Element) =>
    element.tagName.toLowerCase() +
    (element.id ? `#${element.id}` : '') +
    Array.from(element.classList, (name) => `.${name}`).join('') +
    ` ("${(element.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40)}")`;
  const scrollsSideways = (element: Element) =>
    /auto|scroll/.test(getComputedStyle(element).overflowX) && element.scrollWidth > element.clientWidth;
  // Inside a box that scrolls or clips sideways (a scrolling table, a visually hidden table head),
  // an element is seen no further right than the box, which is checked itself.
  const insideClippingBox = (element: Element) => {
    for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement)
      if (getComputedStyle(parent).overflowX !== 'visible') return true;
    return false;
  };
  // A visually hidden element is 1 px square wherever it sits: it is read out, not seen.
  const sticksOut = (element: Element) => {
    const box = element.getBoundingClientRect();
    return box.width > 1 && box.height > 1 && box.right > width + 1;
  };

  if (root.scrollWidth > width) problems.push(`the page scrolls sideways: ${root.scrollWidth} px of content in a ${width} px window`);
  for (const element of Array.from(document.body.querySelectorAll('*'))) {
    if (scrollsSideways(element)) {
      const label = element.getAttribute('aria-label') || element.getAttribute('aria-labelledby');
      if (element.getAttribute('tabindex') !== '0' || element.getAttribute('role') !== 'region' || !label)
        problems.push(`${where(element)} scrolls sideways but is not a focusable, labelled region (tabindex="0" role="region" aria-label)`);
      // Only the table's columns may need the scroll: its caption is text to read in one go.
      for (const caption of Array.from(element.querySelectorAll('caption')))
        if (caption.getBoundingClientRect().width > element.clientWidth + 1)
          problems.push(`${where(caption)} is wider than the box it scrolls in: it can only be read by scrolling sideways`);
    } else if (sticksOut(element) && !insideClippingBox(element) && !(element.parentElement && sticksOut(element.parentElement))) {
      problems.push(`${where(element)} reaches ${Math.round(element.getBoundingClientRect().right)} px, past the ${width} px window`);
    }
  }
  return problems;
}
