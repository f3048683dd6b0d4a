"""The API's DELETE endpoints: an object already gone is an outcome.

Remediation deletes conversations and files and un-shares GPTs and projects; deleting a whole
GPT or project is there for a DAG author's own task (through the hook's ``get_conn()``).

A 404 on a DELETE means the object is not there (the goal of the delete), unless the API
says the workspace or the URL itself is wrong; see :func:`.errors.is_missing_object`.
"""

from __future__ import annotations

from openai_connector.api.errors import NotFoundError, is_missing_object
from openai_connector.api.models import Deletion
from openai_connector.api.paths import WorkspacePaths
from openai_connector.api.ratelimit import EndpointClass
from openai_connector.api.session import APISession, json_object_or_empty


class DeleteMethods:
    """The client's deletes; it provides the session and the workspace's paths."""

    _session: APISession
    _paths: WorkspacePaths

    def delete_conversation(self, conversation_id: str) -> Deletion:
        return self._delete(self._paths.object("conversation", conversation_id), conversation_id)

    def delete_user_file(self, user_id: str, file_id: str) -> Deletion:
        return self._delete(self._paths.object_file("user", user_id, file_id), file_id)

    def delete_gpt(self, gpt_id: str) -> Deletion:
        return self._delete(self._paths.object("gpt", gpt_id), gpt_id)

    def delete_gpt_file(self, gpt_id: str, file_id: str) -> Deletion:
        return self._delete(self._paths.object_file("gpt", gpt_id, file_id), file_id)

    def delete_project(self, project_id: str) -> Deletion:
        return self._delete(self._paths.object("project", project_id), project_id)

    def delete_project_file(self, project_id: str, file_id: str) -> Deletion:
        return self._delete(self._paths.object_file("project", project_id, file_id), file_id)

    def unshare_gpt(self, gpt_id: str) -> Deletion:
        return self._delete(f"{self._paths.object('gpt', gpt_id)}/shared_users", gpt_id)

    def unshare_project(self, project_id: str) -> Deletion:
        path = f"{self._paths.object('project', project_id)}/shared_users"
        return self._delete(path, project_id)

    def _delete(self, path: str, object_id: str) -> Deletion:
        try:
            payload = self._session.call("DELETE", path, EndpointClass.ITEM, json_object_or_empty)
        except NotFoundError as exc:
            if not is_missing_object(exc):
                raise
            return Deletion(id=object_id, deleted=False, already_gone=True)
        return Deletion.from_api(payload, default_id=object_id)
