/** The renderer's entry: one Vue app with Pinia, the same in the kiosk window and in any browser. */
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { reloadOnNewBoot, useApi } from './api';
import './styles/theme.css';
import './styles/base.css';

createApp(App).use(createPinia()).mount('#app');

// A server that restarted (perhaps with a new version) is answered by reloading, like MagicMirror² does.
reloadOnNewBoot(useApi());
