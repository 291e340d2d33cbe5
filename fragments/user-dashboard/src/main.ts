import { inject, mergeApplicationConfig, TransferState } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { csrfHeaders, getStore, selectSessionUser, sessionActions, watch } from '@storefront/store/browser';
import { sharedConfig } from './ui/app-config.js';
import {
  DASHBOARD_INPUT,
  DASHBOARD_INPUT_KEY,
  EMPTY_INPUT,
  SESSION_PORT,
  type SessionPort,
} from './ui/dashboard-context.js';
import { DashboardComponent } from './ui/dashboard.component.js';
import { ensureSsrIntegrityMarker } from './ui/hydration-marker.js';

const port: SessionPort = {
  watchUser: (onChange) => watch(selectSessionUser, onChange),
  setUser: (user) => getStore().dispatch(sessionActions.set(user)),
  csrfHeaders,
  reload: () => window.location.reload(),
  navigate: (path) => window.location.assign(path),
  send: (input, init) => fetch(input, init),
};

if (document.querySelector('[data-fragment="user-dashboard"]')) {
  ensureSsrIntegrityMarker(document);
  bootstrapApplication(
    DashboardComponent,
    mergeApplicationConfig(sharedConfig, {
      providers: [
        { provide: SESSION_PORT, useValue: port },
        {
          provide: DASHBOARD_INPUT,
          useFactory: () => inject(TransferState).get(DASHBOARD_INPUT_KEY, EMPTY_INPUT),
        },
      ],
    }),
  ).catch((error: unknown) => console.error('user-dashboard failed to start', error));
}
