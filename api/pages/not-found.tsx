/** A page, not problem+json: a person who mistyped an address still gets the quick exit and a way back. */
export { notFoundPage } from './error-page.tsx';
