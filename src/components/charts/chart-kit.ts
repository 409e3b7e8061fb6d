/**
 * Chart.js with only the pieces the wall's charts draw (bars and lines on a category and a linear scale),
 * registered once. It is loaded on its own, after the page's first paint has what it needs: a slide's
 * figures are written in the page and show at once; its chart follows a moment later
 * (docs/performance.md, "The first slide").
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
} from 'chart.js';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale);

export { Chart };
