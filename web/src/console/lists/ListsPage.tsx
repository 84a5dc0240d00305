import { Route, Switch } from 'wouter';
import type { User } from '../../api/types';
import { ListDetail } from './ListDetail';
import { ListIndex } from './ListIndex';
import './lists.css';

/**
 * Contact lists (issue 6 point 2; L1, L2, O10): the lists with their record counts and last
 * import, a new list, and per list its imports and the upload (mapping step, progress, errors).
 * Admins and supervisors may do all of it; the server refuses agents.
 */
export function ListsPage(_props: { user: User }) {
  return (
    <Switch>
      <Route path="/">
        <ListIndex />
      </Route>
      <Route path="/:id">{(params) => <ListDetail key={params.id} id={Number(params.id)} />}</Route>
    </Switch>
  );
}
