// "Overview", for administrators: the cluster members with the sessions each holds, and the
// successful sign-ins per minute over the last hour as a bar chart (plain SVG, drawn here).

import { api } from './api.js';
import { describe } from './messages.js';
import { clear, element, showError } from './format.js';

const $ = (id) => document.getElementById(id);
const SVG = 'http://www.w3.org/2000/svg';

// The chart's drawing box (the SVG scales to the panel's width).
const WIDTH = 640;
const HEIGHT = 200;
const LEFT = 40;
const RIGHT = 8;
const TOP = 12;
const BOTTOM = 28;

function svg(tag, attributes = {}, text) {
  const node = document.createElementNS(SVG, tag);
  Object.entries(attributes).forEach(([name, value]) => node.setAttribute(name, String(value)));
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

function signIns(count) {
  return count === 1 ? '1 sign-in' : `${count} sign-ins`;
}

export function createOverviewPanel({ timeZone, onActivity }) {
  const errorLine = $('overview-error');

  function time(iso) {
    const options = { hour: '2-digit', minute: '2-digit' };
    try {
      return new Date(iso).toLocaleTimeString(undefined, { ...options, timeZone: timeZone() });
    } catch (unknownZone) {
      return new Date(iso).toLocaleTimeString(undefined, options);
    }
  }

  function renderMembers(overview) {
    $('overview-node').textContent = overview.node;
    const rows = $('overview-member-rows');
    clear(rows);
    overview.members.forEach((member) => {
      const row = element('tr');
      const name = element('td', { text: member.name });
      if (member.name === overview.node) {
        name.append(' ', element('span', { text: 'serving you', className: 'badge' }));
      }
      row.append(name);
      const known = member.sessions !== null && member.sessions !== undefined;
      row.append(element('td', { text: known ? String(member.sessions) : 'unknown', className: known ? 'number' : 'number muted' }));
      rows.append(row);
    });
  }

  /** One bar per minute; the title and description say in words what the bars show. */
  function renderChart(minutes) {
    const counts = minutes.map((minute) => minute.count);
    const total = counts.reduce((sum, count) => sum + count, 0);
    const peak = Math.max(...counts, 0);
    const top = Math.max(peak, 1);
    const plotWidth = WIDTH - LEFT - RIGHT;
    const plotHeight = HEIGHT - TOP - BOTTOM;
    const slot = plotWidth / minutes.length;
    const busiest = minutes.find((minute) => minute.count === peak);

    const chart = svg('svg', {
      viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
      role: 'img',
      'aria-labelledby': 'overview-chart-svg-title overview-chart-svg-desc',
      class: 'chart',
    });
    chart.append(svg('title', { id: 'overview-chart-svg-title' }, 'Sign-ins per minute, last hour'));
    chart.append(
      svg(
        'desc',
        { id: 'overview-chart-svg-desc' },
        `${signIns(total)} from ${time(minutes[0].minute)} to now` +
          (peak > 0 ? `; most in one minute: ${peak}, at ${time(busiest.minute)}` : '') +
          `; this minute: ${counts[counts.length - 1]}.`,
      ),
    );
    // Axes, the top of the scale and its labels.
    const base = TOP + plotHeight;
    chart.append(svg('line', { x1: LEFT, y1: base, x2: WIDTH - RIGHT, y2: base, class: 'chart-axis' }));
    chart.append(svg('line', { x1: LEFT, y1: TOP, x2: WIDTH - RIGHT, y2: TOP, class: 'chart-grid' }));
    chart.append(svg('text', { x: LEFT - 6, y: base, class: 'chart-label', 'text-anchor': 'end' }, '0'));
    chart.append(svg('text', { x: LEFT - 6, y: TOP + 4, class: 'chart-label', 'text-anchor': 'end' }, String(top)));
    [0, 30, minutes.length - 1].forEach((index) => {
      const x = LEFT + slot * (index + 0.5);
      const label = index === minutes.length - 1 ? 'now' : time(minutes[index].minute);
      chart.append(svg('text', { x, y: HEIGHT - 8, class: 'chart-label', 'text-anchor': 'middle' }, label));
    });
    minutes.forEach((minute, index) => {
      const height = (minute.count / top) * plotHeight;
      const bar = svg('rect', {
        x: (LEFT + slot * index + 1).toFixed(1),
        y: (base - height).toFixed(1),
        width: Math.max(slot - 2, 1).toFixed(1),
        height: height.toFixed(1),
        class: 'chart-bar',
      });
      bar.dataset.count = String(minute.count);
      bar.append(svg('title', {}, `${time(minute.minute)}: ${signIns(minute.count)}`));
      chart.append(bar);
    });
    const figure = $('overview-chart');
    clear(figure);
    figure.append(chart);
  }

  async function load() {
    showError(errorLine, '');
    try {
      const overview = await api.overview();
      renderMembers(overview);
      renderChart(overview.logins_per_minute);
      onActivity();
    } catch (error) {
      if (error.status !== 401) {
        showError(errorLine, `The overview could not be loaded: ${describe(error)}`);
      }
    }
  }

  $('overview-refresh').addEventListener('click', load);

  return {
    load,
    reset() {
      clear($('overview-member-rows'));
      clear($('overview-chart'));
      $('overview-node').textContent = '';
      showError(errorLine, '');
    },
  };
}
