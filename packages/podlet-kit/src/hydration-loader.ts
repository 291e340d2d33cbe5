import { STORE_CHANGED_EVENT } from '@storefront/store';

/**
 * When a fragment's framework code runs in the browser:
 * - `load`: as soon as the page has a root of the fragment (a page without one downloads nothing of it);
 * - `visible`: once a root comes near the viewport;
 * - `interaction`: on the visitor's first pointer, touch, key or focus inside a root (links and forms work without
 *   it: they are plain HTML; a click on a script-only button meanwhile is replayed once the code has run, and what
 *   was typed is given back to the hydrated fields). Forms posted before the code has run wait for it (up to
 *   {@link SUBMIT_WAIT_MS}) and are then sent again, in order, for the fragment to handle in the page; if the code
 *   does not come in time, they go as the plain posts they are, and a visitor who leaves the page meanwhile has
 *   them sent as beacons (the same form post), so the action is never lost;
 * - `never`: static content, no framework code at all.
 * `visible` and `interaction` fragments also hydrate when the page's shared state first changes (another fragment
 * added to the cart): what they show follows the store from then on.
 */
export const HYDRATIONS = ['load', 'visible', 'interaction', 'never'] as const;
export type Hydration = (typeof HYDRATIONS)[number];

/** How long a form sent before its fragment's code has run waits for it before it goes as a plain post. */
export const SUBMIT_WAIT_MS = 3_000;

export interface HydrationPlan {
  /** The fragment's name: its roots are `[data-fragment="<name>"]`. */
  name: string;
  /** The hydration of a page whose roots do not say (`data-hydrate` on a root overrides it for that page). */
  hydrate: Hydration;
  /** The hydration when the page's session slice names a signed-in visitor (e.g. a box that becomes personal). */
  signedIn?: Hydration;
  /** The module URLs to import, in order (e.g. polyfills, then the entry). */
  modules: string[];
}

/**
 * The loader's source: a few hundred bytes that stand in the page's <head> for the fragment's client bundle and
 * import it when its hydration says. It runs as a module script (deferred), so the roots are in the DOM.
 */
export function hydrationLoaderSource(plan: HydrationPlan): string {
  const config = JSON.stringify({
    n: plan.name,
    h: plan.hydrate,
    s: plan.signedIn ?? plan.hydrate,
    m: plan.modules,
  });
  // Kept small and dependency-free: it is the only code of the fragment a visitor who never touches it downloads.
  return `const c=${config};
const roots=[...document.querySelectorAll('[data-fragment="'+c.n+'"]')];
const signedIn=()=>{try{const e=document.querySelector('script[data-store-slice="session"]');return!!(e&&JSON.parse(e.textContent).user)}catch{return!1}};
const mode=roots.map((r)=>r.dataset.hydrate).find(Boolean)||(c.s!==c.h&&signedIn()?c.s:c.h);
const inside=(t)=>t instanceof Node&&roots.some((r)=>r.contains(t));
const key=(t)=>t.type==="checkbox"||t.type==="radio"?"checked":"value";
let state=0,pending;const typed=new Map();
const remember=(e)=>{const t=e.target;if(state<2&&inside(t)&&"value"in t)typed.set(t,t[key(t)])};
const replay=(e)=>{const b=e.target instanceof Element&&e.target.closest("button");if(state<2&&b&&inside(b)&&(b.type==="button"||!b.form)){pending=b;start()}};
const held=[];let plain=!1;
const send=()=>held.splice(0).forEach((h)=>{if(h.f.isConnected)h.f.requestSubmit(h.s?.form===h.f?h.s:null)});
const hold=(e)=>{const f=e.target;if(state<2&&!plain&&f instanceof HTMLFormElement&&f.method==="post"&&inside(f)){e.preventDefault();held.push({f,s:e.submitter});start();setTimeout(()=>{if(state<2){plain=!0;send()}},${SUBMIT_WAIT_MS})}};
const restore=()=>{typed.forEach((v,t)=>{const k=key(t);if(t.isConnected&&t[k]!==v){t[k]=v;t.dispatchEvent(new Event(k==="checked"?"change":"input",{bubbles:!0}))}});const b=pending;if(b&&b.isConnected)setTimeout(()=>b.click());setTimeout(send)};
const start=()=>{if(state)return;state=1;c.m.reduce((p,u)=>p.then(()=>import(u)),Promise.resolve()).then(()=>{state=2;restore()},(e)=>{console.error(c.n+" failed to load",e);plain=!0;send()})};
if(roots.length&&mode!=="never"){
document.addEventListener("submit",hold,!0);
addEventListener("pagehide",()=>held.splice(0).forEach((h)=>navigator.sendBeacon(h.f.action,new URLSearchParams(new FormData(h.f,h.s?.form===h.f?h.s:null)))));
if(mode!=="load"){document.addEventListener(${JSON.stringify(STORE_CHANGED_EVENT)},start,{once:!0});["input","change"].forEach((t)=>document.addEventListener(t,remember,!0))}
if(mode==="visible"&&"IntersectionObserver"in window){const o=new IntersectionObserver((es)=>{if(es.some((e)=>e.isIntersecting)){o.disconnect();start()}},{rootMargin:"200px"});roots.forEach((r)=>o.observe(r))}
else if(mode==="interaction"){const events=["pointerover","pointerdown","touchstart","keydown","focusin"];const on=(e)=>{if(!inside(e.target))return;events.forEach((t)=>document.removeEventListener(t,on,!0));start()};events.forEach((t)=>document.addEventListener(t,on,{capture:!0,passive:!0}));document.addEventListener("click",replay,!0)}
else start()}
`;
}
