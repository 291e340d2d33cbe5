// `sf_cart` is the display mirror of the server cart, written by the order service (docs/conventions.md); the
// codec lives with the cart's contract so the writer and every reader share it.
export {
  decodeCartMirror as decodeCartCookie,
  encodeCartMirror as encodeCartCookie,
} from '@storefront/contracts/cart-mirror';
