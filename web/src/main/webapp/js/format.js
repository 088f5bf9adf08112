// Small display helpers.

/** "1 h 02 min", "4 min 05 s", "9 s": a remaining time that reads well in a countdown. */
export function formatRemaining(milliseconds) {
  const total = Math.max(0, Math.ceil(milliseconds / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = (n) => String(n).padStart(2, '0');
  if (hours > 0) {
    return `${hours} h ${two(minutes)} min`;
  }
  if (minutes > 0) {
    return `${minutes} min ${two(seconds)} s`;
  }
  return `${seconds} s`;
}

/** A server timestamp shown in the user's time zone, falling back to the browser's. */
export function formatTimestamp(iso, timeZone) {
  if (!iso) {
    return '';
  }
  const date = new Date(iso);
  try {
    return date.toLocaleString(undefined, { timeZone, dateStyle: 'medium', timeStyle: 'short' });
  } catch (unknownZone) {
    return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  }
}

/** Removes every child of a node. */
export function clear(node) {
  while (node.firstChild) {
    node.removeChild(node.firstChild);
  }
}

/** Creates an element with text content (never innerHTML: values come from users). */
export function element(tag, { text, className, attributes } = {}) {
  const node = document.createElement(tag);
  if (text !== undefined) {
    node.textContent = text;
  }
  if (className) {
    node.className = className;
  }
  Object.entries(attributes || {}).forEach(([name, value]) => node.setAttribute(name, value));
  return node;
}

export function showError(node, message) {
  node.textContent = message || '';
  node.hidden = !message;
}
