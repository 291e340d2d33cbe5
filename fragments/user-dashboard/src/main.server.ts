import { inject, mergeApplicationConfig, provideAppInitializer, TransferState } from '@angular/core';
import { bootstrapApplication, type BootstrapContext } from '@angular/platform-browser';
import { provideServerRendering, renderApplication } from '@angular/platform-server';
import type { DashboardRenderInput, RenderDashboard } from './render-contract.js';
import { sharedConfig } from './ui/app-config.js';
import {
  DASHBOARD_INPUT,
  DASHBOARD_INPUT_KEY,
  EMPTY_INPUT,
  SESSION_PORT,
  type SessionPort,
} from './ui/dashboard-context.js';
import { DashboardComponent } from './ui/dashboard.component.js';

const ROOT_OPEN = '<div data-fragment="user-dashboard"';

// Angular renders into a document; the fragment is cut out of its <body> afterwards.
const SHELL = `<!doctype html><html><head></head><body>${ROOT_OPEN}></div></body></html>`;

function serverConfig(input: DashboardRenderInput) {
  // On the server nothing changes after the render: the session is the request's, calls are never made.
  const port: SessionPort = {
    watchUser: (onChange) => {
      onChange(input.user);
      return () => {};
    },
    setUser: () => {},
    csrfHeaders: () => ({}),
    reload: () => {},
    navigate: () => {},
    send: () => Promise.reject(new Error('no calls while rendering on the server')),
  };
  return mergeApplicationConfig(sharedConfig, {
    providers: [
      provideServerRendering(),
      { provide: DASHBOARD_INPUT, useValue: input },
      { provide: SESSION_PORT, useValue: port },
      // The browser hydrates from the same input: it travels in the transfer-state script next to the fragment.
      provideAppInitializer(() => inject(TransferState).set(DASHBOARD_INPUT_KEY, input)),
    ],
  });
}

/** The fragment: its root element and Angular's transfer-state script, without the document around them. */
export function extractFragment(document: string): string {
  const body = /<body[^>]*>([\s\S]*)<\/body>/.exec(document)?.[1];
  // The integrity marker is checked against the composed page's <body> by the client bundle, not shipped here.
  const fragment = body?.replace('<!--nghm-->', '').trim();
  if (!fragment?.startsWith(ROOT_OPEN)) throw new Error('Angular rendered no user-dashboard root element');
  return fragment;
}

export const render: RenderDashboard = async (input) => {
  // A fresh platform and application per request: nothing rendered for one visitor can reach another's page.
  const html = await renderApplication(
    (context: BootstrapContext) => bootstrapApplication(DashboardComponent, serverConfig(input), context),
    { document: SHELL },
  );
  return extractFragment(html);
};

// The Angular CLI's server bundle re-exports a default bootstrap function; the podlet only calls render().
const bootstrap = (context: BootstrapContext) =>
  bootstrapApplication(DashboardComponent, serverConfig(EMPTY_INPUT), context);
export default bootstrap;
