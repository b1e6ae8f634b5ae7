/**
 * The session actors: {@link org.icugym.envserver.session.SessionManager} owns the registry of open
 * sessions, and one {@link org.icugym.envserver.session.Session} per session owns its environments.
 * Messages carry domain types only, never protobuf.
 */
package org.icugym.envserver.session;
