import { Component, type ReactNode } from 'react';

/**
 * Around a part of the page loaded on demand (React.lazy): when its code
 * cannot be fetched (server gone, a newer deployment), says so and offers a
 * reload instead of unmounting the whole page.
 */
export class LoadBoundary extends Component<{ what: string; children: ReactNode }, { error: Error | null }> {
  state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <section className="error-panel" role="alert" data-testid="load-error">
        <h2>{this.props.what} could not be loaded</h2>
        <p className="error-message">{error.message}</p>
        <div className="buttons">
          <button type="button" className="primary" onClick={() => location.reload()}>
            Reload the page
          </button>
        </div>
      </section>
    );
  }
}
