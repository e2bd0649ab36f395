package kyodo.query.project.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import kyodo.query.project.ProjectListQuery;
import kyodo.query.project.ProjectViews;
import kyodo.query.project.ProjectViews.ProjectPage;
import kyodo.query.project.ProjectViews.ProjectView;
import kyodo.query.web.DocumentReadController;
import kyodo.query.web.ReadAfterWrite;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;


/** Reads of collaborative projects, for staff and for the public: lists and single projects. */
@RestController
@Tag(name = "projects (reads)")
class ProjectQueryController extends DocumentReadController {

    private final ProjectViews views;

    ProjectQueryController(ProjectViews views, ReadAfterWrite readAfterWrite) {
        super(readAfterWrite, "No project with that id.");
        this.views = views;
    }

    /** The staff list and the public list answer alike (the security edge decides who may call which path). */
    @Operation(operationId = "listProjects", summary = "Projects for staff and for anyone: filtered, paged",
            description = PAGE_ANSWER + " The same page on both paths.")
    @ProjectListParameters
    @GetMapping(path = {"/api/projects", "/public/projects"}, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ProjectPage> list(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> params) {
        return page(() -> views.list(ProjectListQuery.parse(params)));
    }

    @Operation(operationId = "getProject", summary = "A project as staff see it",
            description = "The public view; a project holds no personal data. ETag carries the project's version. "
                    + "?minVersion=N waits up to 5 s for the read model to reach version N, else 503 with "
                    + "Retry-After.")
    @GetMapping(path = "/api/projects/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<ProjectView>> staff(
            @PathVariable String id,
            @Parameter(description = MIN_VERSION) @RequestParam(required = false) Long minVersion) {
        return document(id, () -> views.find(id), minVersion, views::view, ProjectView::version);
    }

    @Operation(operationId = "getPublicProject", summary = "A project as anyone sees it",
            description = "Partners, agreements, decisions with their reasons and deciding roles, money allocated, "
                    + "spent and remaining (whole yen), targets against actuals per fiscal year, reports, the "
                    + "evaluation, the end, and the public timeline. Never a staff id. ETag carries the version.")
    @GetMapping(path = "/public/projects/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<ProjectView>> publicView(@PathVariable String id) {
        return document(id, () -> views.find(id), null, views::view, ProjectView::version);
    }
}
