import { render } from 'preact';
import { adoptTokenFromFragment } from './api.js';
import { App } from './app.js';

adoptTokenFromFragment();
const root = document.getElementById('app');
if (root !== null) {
  root.textContent = '';
  render(<App />, root);
}
