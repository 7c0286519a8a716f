/**
 * Several portals on one state store: each node follows the store (at once when
 * PostgreSQL announces a change, and periodically in any case), and reports what it
 * serves so that operators can see a node that lags.
 */
package io.portal.cluster;
