# iejobs: español. Términos de Microsoft: trabajo, cancelar/cancelación, eliminar. Los
# estados de la API (Packaging, Completed…) se dejan como los nombra el servicio.

## Counts

count-jobs = { $count ->
    [one] { $count } trabajo
   *[other] { $count } trabajos
}
count-jobs-header = Trabajos

## Configuration

config-bad-language = { $value } no es un idioma de iejobs; use system, en, es o it

## The rules (model::permission, model::verdict). $action is "cancel" or "delete".

action-cancel = Cancelar
action-delete = Eliminar
rule-unknown-state = { $action ->
    [cancel] La cancelación
   *[delete] La eliminación
} no está disponible para un trabajo en el estado "{ $state }", que iejobs no conoce
rule-cancel-before-packaging = Solo se puede cancelar antes de Packaging; este trabajo está en el estado { $state }
rule-cancel-requested = Ya se solicitó la cancelación
rule-delete-creating-completed = Solo se puede eliminar en Creating o Completed; este trabajo está en el estado { $state }
verdict-select-first = Seleccione primero trabajos en la tabla
verdict-none-same = { $action ->
    [cancel] No se puede cancelar
   *[delete] No se puede eliminar
} ninguno de los { $count } trabajos seleccionados: { $reason }
verdict-none-first = { $action ->
    [cancel] No se puede cancelar
   *[delete] No se puede eliminar
} ninguno de los { $count } trabajos seleccionados (el primero, { $first }: { $reason })
verdict-gone = El trabajo ya no aparece en la lista

## Jobs, cancels and failures (model)

failure-with-code = { $action ->
    [cancel] Error al cancelar
   *[delete] Error al eliminar
}: { $code }: { $message }
failure = { $action ->
    [cancel] Error al cancelar
   *[delete] Error al eliminar
}: { $message }
request-id-note = { " " }(id. de solicitud { $id })
rule-on-its-way = Ya hay una solicitud de { $action ->
    [cancel] cancelación
   *[delete] eliminación
} en curso
cancel-phase-sending = solicitada…
cancel-phase-pending = pendiente
cancel-phase-landed = cancelado
cancel-phase-sending-hover = Cancelación solicitada: esperando la confirmación del servicio
cancel-phase-pending-hover = Cancelación en curso: las unidades en transferencia pueden seguir copiando hasta que el trabajo llegue a Completed
cancel-phase-landed-hover = Cancelación completada: el trabajo ha terminado; sus discos vuelven con el paquete de devolución

## The activity log

activity-requested = { $action ->
    [cancel] Cancelación solicitada…
   *[delete] Eliminación solicitada…
}
activity-deleted = Eliminado
activity-cancel-confirmed = El servicio confirmó la cancelación
activity-cancel-landed = cancelación completada
activity-cancel-landed-drives = cancelación completada: { $done ->
    [one] { $done } unidad terminada
   *[other] { $done } unidades terminadas
}, { $skipped ->
    [one] { $skipped } omitida
   *[other] { $skipped } omitidas
}, { $bytes } copiados desde la solicitud
gone-no-longer-listed = ya no aparece en la lista
gone-no-longer-exists = ya no existe
activity-listed = { $count ->
    [one] { $count } trabajo listado
   *[other] { $count } trabajos listados
} de la suscripción { $subscription }
activity-settings-saved = Configuración guardada en { $path }
activity-settings-not-saved = No se guardó la configuración: { $error }
activity-polling-failed = Error de sondeo: { $message }
activity-connection-restored = Conexión restablecida
activity-subscription-failing = Suscripción { $subscription }: { $reason }. { $message }
activity-subscription-recovered = La suscripción { $subscription } se puede leer de nuevo
audit-sending = { $action ->
    [cancel] Cancelación enviada
    [delete] Eliminación enviada
   *[other] { $action } enviado
} por { $identity }
audit-confirmed = { $action ->
    [cancel] Cancelación confirmada
    [delete] Eliminación confirmada
   *[other] { $action } confirmado
} (enviada por { $identity })
audit-failed = { $action ->
    [cancel] Error en la cancelación
    [delete] Error en la eliminación
   *[other] Error en { $action }
} (enviada por { $identity })

## Subscriptions that cannot be read

subscription-not-allowed = sin permiso para leer trabajos de Import/Export
subscription-not-found = la suscripción no existe
subscription-unregistered = Microsoft.ImportExport no está registrado en ella
subscription-throttled = limitada por Azure
subscription-refused = rechazada
subscription-unreachable = inaccesible

## Desktop notifications

notify-unreachable = Servicio inaccesible
notify-unreachable-body = No se pudo leer ningún trabajo durante { $minutes } minutos. iejobs sigue intentándolo.
notify-reachable = Servicio accesible de nuevo
notify-reachable-body = Los trabajos se leen de nuevo.
notify-cancel-landed = Cancelación completada
notify-delete-confirmed = Eliminación confirmada
notify-deleted-body = { $job } se ha eliminado
notify-failed = { $action ->
    [cancel] Error al cancelar
   *[delete] Error al eliminar
}
notify-failed-detail = error
notify-cancels-landed = { $count } cancelaciones completadas
notify-deletes-confirmed = { $count } eliminaciones confirmadas
notify-many-failed = { $count } { $action ->
    [cancel] cancelaciones
   *[delete] eliminaciones
} con error
notify-names-more = { $names } y { $count ->
    [one] { $count } más
   *[other] { $count } más
}
notify-names-and = { $names } y { $last }
notify-finished = { $job } ha terminado
notify-landed = { $job } está en el estado { $state }
notify-landed-drives = { $job } está en el estado { $state } ({ $count ->
    [one] { $count } unidad
   *[other] { $count } unidades
}, { $bytes } copiados después de la solicitud)

## What a cancel did to each drive

drive-outcome-copying = sigue copiando
drive-outcome-skipped = omitida: no se copió
drive-outcome-done = copiada
drive-outcome-waiting = sin empezar

## Shared words of the window

dismiss = Descartar
apply = Aplicar
now = Ahora: { $value }

## The toolbar and the filter row

toolbar-monitor = Monitor de cancelaciones ({ $active })
toolbar-monitor-landed = Monitor de cancelaciones ({ $active } + { $landed } completadas)
toolbar-monitor-hover = { $active } cancelaciones en curso, { $landed } completadas. Siga cada una: unidades que siguen copiando, bytes desde la solicitud, velocidad, resultado
toolbar-hidden = ({ $count } ocultos por el filtro)
toolbar-hidden-hover = Los trabajos seleccionados que oculta el filtro siguen seleccionados: Cancelar y Eliminar también los alcanzan (la confirmación los enumera). Escape anula la selección.
toolbar-refresh = Actualizar
toolbar-refresh-hover = Listar ahora todos los trabajos
toolbar-polling = Sondeo
toolbar-export = Exportar…
toolbar-export-hover = Guardar las filas mostradas en un archivo CSV o JSON (Ctrl+E)
toolbar-settings = Configuración
toolbar-settings-hover = Conexión, suscripciones, sondeo, idioma; guárdelos en el archivo de configuración
toolbar-help = Ayuda
toolbar-shortcuts = Métodos abreviados de teclado (F1)
toolbar-about = Acerca de iejobs
toolbar-theme = Tema
toolbar-activity = Registro de actividad
toolbar-selected = { $action ->
    [cancel] Cancelar
   *[delete] Eliminar
} seleccionados ({ $count })
filter-label = Filtro:
filter-hint = nombre, grupo, suscripción, ubicación, cuenta (Ctrl+F)
filter-state-hover = Mostrar solo los trabajos en este estado (se pueden elegir varios)
filter-cancel-in-progress = Cancelación en curso { $count }
filter-cancel-in-progress-hover = Solo los trabajos cuya cancelación se solicitó y aún no ha terminado
filter-cancelled = Cancelados { $count }
filter-cancelled-hover = Solo los trabajos cuya cancelación se completó: Completed o Closed después de la solicitud
filter-clear = Borrar filtros

## Job states: the names stay as the service sends them; these say what they mean.

state-creating = el trabajo se ha creado; los discos aún no se han enviado
state-shipping = los discos van camino del centro de datos de Azure
state-received = el centro de datos ha recibido los discos
state-transferring = se están copiando los datos entre los discos y la cuenta de almacenamiento
state-packaging = la copia ha terminado; se están empaquetando los discos para devolverlos
state-completed = el trabajo ha terminado y los discos se han devuelto
state-closed = el trabajo ha terminado con errores; consulte los registros de las unidades
state-unknown = { $state }: un estado que iejobs no conoce
no-state = (sin estado)

## Values as the window writes them

odd-percent = el servicio envió percentComplete { $value }
odd-bytes = el servicio envió bytesSucceeded { $value }
odd-note = Fuera de rango: { $notes }. Se dibuja dentro del rango; el trabajo es tal como lo informa Azure.
hover-cut = { $head }… ({ $count } caracteres)
duration-days = { $count ->
    [one] { $count } día
   *[other] { $count } días
}
time-ago = hace { $duration }
time-in = dentro de { $duration }
row-cancel-requested = , cancelación solicitada
row-cancel-pending = , cancelación pendiente
row-cancelled = , cancelado
row-deleting = , eliminando
row-failed = , error en la última acción

## The jobs table

column-name = Nombre
column-resource-group = Grupo de recursos
column-subscription = Suscripción
column-type = Tipo
column-state = Estado
column-cancel = Cancelación
column-drives = Unidades
column-progress = Progreso
column-location = Ubicación
column-storage-account = Cuenta de almacenamiento
column-last-change = Último cambio
columns-shown = Columnas mostradas
columns-name-always = El nombre siempre se muestra
columns-show-all = Mostrar todas las columnas
table-no-jobs-yet = Aún no hay trabajos. La primera lista está en camino…
table-no-jobs-in = No hay trabajos de Import/Export en { $subscriptions }.
table-still-listing = Aún { $count ->
    [one] se está listando { $count } suscripción más
   *[other] se están listando { $count } suscripciones más
}…
table-cannot-list = No se pueden listar los trabajos: { $message }
    Se reintenta automáticamente; consulte la barra de estado.
table-no-match = Ningún trabajo coincide con los filtros.
table-sort-hover = Ordenar por { $column }; clic derecho para elegir las columnas
table-unknown-state = Un estado que iejobs no conoce: se muestra tal como lo envió Azure; no se ofrece ninguna acción
table-deleting = eliminando…
table-deleting-hover = La solicitud de eliminación está en camino
table-menu-action = { $action ->
    [cancel] Cancelar
   *[delete] Eliminar
}… ({ $allowed } de { $count })
table-show-details = Mostrar detalles
table-copy = Copiar
table-copy-hover = Copiar como texto separado por tabulaciones con una fila de encabezado, para una hoja de cálculo (Ctrl+C)

## The detail panel

yes = sí
no = no
detail-select = Seleccione un trabajo para ver sus detalles.
detail-selected = { $count ->
    [one] { $count } trabajo seleccionado.
   *[other] { $count } trabajos seleccionados.
}
detail-request-id = { " " }· id. de solicitud { $id } (lo pide el soporte de Azure)
detail-failure = { $failure }
    a las { $at }{ $status }{ $request }
detail-watch = Seguir esta cancelación
detail-cancel-sending = cancelación solicitada… (esperando al servicio)
detail-deletion = Azure lo elimina el
detail-deletion-date = { $date } (90 días después de completarse)
prop-state = Estado
prop-cancel-requested = Cancelación solicitada
prop-provisioning = Estado de aprovisionamiento
prop-job-type = Tipo de trabajo
prop-resource-group = Grupo de recursos
prop-subscription = Suscripción
prop-storage-account = Cuenta de almacenamiento
prop-location = Ubicación
prop-progress = Progreso
prop-delivery-package = Paquete de entrega
prop-return-package = Paquete de devolución
prop-diagnostics = Ruta de diagnóstico
prop-log-level = Nivel de registro
prop-backup-manifest = Manifiesto de copia de seguridad
prop-created = Creado (reloj del servicio)
prop-modified = Última modificación (reloj del servicio)
prop-changed = Último cambio visto (este equipo)
package-tracking = seguimiento { $number }
package-drives = { $count ->
    [one] { $count } unidad
   *[other] { $count } unidades
}
package-shipped = enviado el { $date }
detail-drives-loading = Unidades: cargando…
detail-drives = Unidades ({ $count })
detail-no-id = (sin id.)
drive-error-log = registro de errores
drive-verbose-log = registro detallado
drive-manifest = manifiesto
detail-observed = Estados observados
timeline-cancel-requested = cancelación solicitada
timeline-cancel-first-seen = cancelación pendiente la primera vez que se vio
timeline-landed = { " " }(cancelación completada)

## The confirmation

confirm-title-one = { $action ->
    [cancel] ¿Cancelar
   *[delete] ¿Eliminar
} el trabajo { $job }?
confirm-title-many = { $action ->
    [cancel] ¿Cancelar
   *[delete] ¿Eliminar
} { $count } trabajos?
confirm-cancel-explained = Azure cancela en la medida de lo posible. Las unidades que ya están en transferencia pueden seguir copiando hasta terminar; las que aún no han empezado se omiten. Después el trabajo pasa por Packaging hasta Completed, y Azure lo elimina 90 días más tarde.
confirm-delete-explained = Al eliminar el trabajo se quita de Azure: su información y su estado dejan de estar disponibles. No se puede deshacer.
confirm-sent-for = { $action ->
    [cancel] Se enviará la cancelación para:
   *[delete] Se enviará la eliminación para:
}
confirm-hidden = { $count ->
    [one] { $count } de estos trabajos está oculto por el filtro de la tabla.
   *[other] { $count } de estos trabajos están ocultos por el filtro de la tabla.
}
confirm-skipped = Omitidos ({ $count }):
confirm-request-cancel = Solicitar la cancelación
confirm-delete-permanently = Eliminar definitivamente
confirm-keep = Conservar el trabajo
confirm-drive-left = { $drive } (quedan { $bytes })
confirm-and-more = y { $count } más
confirm-left-in-all = ; quedan { $bytes } en total
confirm-at-least-left = ; quedan al menos { $bytes }
confirm-still-copying = Seguirán copiando después de la cancelación ({ $count ->
    [one] { $count } unidad en transferencia
   *[other] { $count } unidades en transferencia
}): { $drives }{ $total }.

## The status bar, the stale note, the activity log

status-degraded-in = Degradado: nuevo intento en { $seconds } s
status-degraded-now = Degradado: reintentando ahora…
status-stale-since = datos sin actualizar desde { $time }
status-last-poll = Último sondeo { $time } ({ $ago })
status-loading = Cargando trabajos…
status-in-flight = { $count ->
    [one] { $count } solicitud en curso
   *[other] { $count } solicitudes en curso
}
status-slow-page = Listando { $subscription }: página { $page }, intento { $attempt } de { $attempts }, { $seconds } s…
status-and-more = { " " }(y { $count } más)
status-slow-page-hover = Una página de la lista está tardando; cada intento puede durar hasta el tiempo de espera de la solicitud antes de reintentarse.
status-bulk-done = { $action ->
    [cancel] Cancelación enviada
   *[delete] Eliminación enviada
} para { $total } trabajos
status-bulk-doing = { $action ->
    [cancel] Cancelando
   *[delete] Eliminando
} { $done } de { $total }…
status-reads-budget = lecturas { $reads }/h de { $budget }
status-reads = lecturas { $reads }/h
status-reads-hover-budget = Lecturas de la última hora, por suscripción. El sondeo se limita a { $budget } por hora y suscripción (read-budget), muy por debajo de los límites de Azure Resource Manager, que comparten el portal, la CLI y sus scripts; la primera lista y Actualizar pueden ir más rápido, hasta 12 por segundo.
status-reads-hover = Lecturas de la última hora, por suscripción (sin límite de lecturas).
status-reads-line = { $subscription }: { $reads } lecturas
status-reads-left = , Azure indica que quedan { $count }
status-throttled-until = , limitada hasta { $time }
status-failing = { $readable } de { $total } suscripciones: { $subscription }: { $reason }{ $more }
status-failing-hover = { $subscription } ({ $id }): { $reason }
    { $message }
    Próximo intento { $time } (o pulse Actualizar).
stale-the-start = el inicio
stale-banner = Sin actualizar desde { $since }: el servicio no responde, así que estas filas son los últimos datos válidos y pueden estar desactualizadas. Las acciones siguen leyendo antes el trabajo.
activity-title = Actividad

## The cancellation monitor. $outcome is copying, skipped, done or waiting; $unit (chart)
## is hours or minutes on x, kB, MB, GB or TB on y.

monitor-title = Monitor de cancelaciones: { $active } en curso, { $landed } completadas
monitor-title-hover = En curso: solicitada, el trabajo no ha terminado (las unidades en transferencia pueden seguir copiando). Completada: el trabajo llegó a Completed o Closed después de la solicitud.
monitor-empty = No hay cancelaciones que seguir. Cancele un trabajo (antes de Packaging) y sígalo aquí.
monitor-landed = Completadas ({ $count })
monitor-more = Se muestran { $shown } de { $count }; los filtros "Cancelación en curso" y "Cancelados" de la tabla las enumeran todas.
monitor-show-job = Mostrar el trabajo en el panel de detalles
monitor-requested = solicitada… esperando la confirmación del servicio
monitor-drives-loading = unidades: cargando…
monitor-since-request = +{ $bytes } desde la solicitud
monitor-landed-ago = completada { $ago }
monitor-left = quedan { $bytes }
monitor-next-packaging = ninguna unidad copiando: se están empaquetando los discos para devolverlos
monitor-next-transferring = ninguna unidad copiando: a continuación, Packaging
monitor-next-skip = ninguna unidad copiando: se omite la copia y luego Packaging
monitor-drive-count = { $count } { $outcome ->
    [copying] copiando
    [skipped] { $count ->
        [one] omitida
       *[other] omitidas
    }
    [done] { $count ->
        [one] terminada
       *[other] terminadas
    }
   *[waiting] sin empezar
}
monitor-no-drives = sin unidades
monitor-eta-unknown = hora de finalización: aún desconocida
monitor-eta-range = ; de { $early } a { $late }
monitor-eta = la copia termina ~{ $time } ({ $ago }{ $range })
monitor-no-carrier = transportista no indicado
monitor-disks-back = devolución de discos: { $carrier }
monitor-tracking-hover = La página de seguimiento del transportista (abre el navegador)
monitor-requested-at = Cancelación solicitada { $time } ({ $ago }).
monitor-first-seen = La cancelación ya estaba pendiente cuando iejobs vio el trabajo por primera vez ({ $time }); los bytes se cuentan desde entonces.
monitor-waiting = Solicitada: esperando la confirmación del servicio.
monitor-landed-deletion = Completada: el trabajo está en el estado { $state }. Los discos vuelven con el paquete de devolución; Azure elimina el trabajo el { $date } ({ $ago }), 90 días después de terminar.
monitor-landed-text = Completada: el trabajo está en el estado { $state }. Azure lo elimina 90 días después de terminar.
monitor-in-progress-none = En curso ({ $state }). Ninguna unidad está copiando: el trabajo omite la copia de datos, pasa por Packaging (se devuelven los discos) y termina en Completed.
monitor-in-progress = En curso ({ $state }). { $count ->
    [one] { $count } unidad en transferencia sigue copiando hasta terminar
   *[other] { $count } unidades en transferencia siguen copiando hasta terminar
}; después el trabajo pasa por Packaging (se devuelven los discos) hasta Completed.
monitor-col-drive = Unidad
monitor-col-state = Estado
monitor-col-copied = Copiado
monitor-col-since = Desde la solicitud
monitor-col-left = Restante
monitor-col-rate = Velocidad
monitor-col-rate-service = Velocidad (servicio)
monitor-rate-hover = Por segundo del reloj del servicio: el del emulador va a x{ $clock }, así que las unidades copian { $clock } veces más rápido según el reloj de este equipo; las horas de finalización son las de este equipo
monitor-chart-empty = El gráfico se completa a medida que los sondeos observan las unidades después de la solicitud.
monitor-chart-x = { $unit ->
    [hours] horas
   *[minutes] minutos
} desde la solicitud
monitor-chart-y = { $unit } copiados desde la solicitud

## The command line

cli-settings-unusable = la configuración no se puede usar
cli-no-answer = la acción terminó sin respuesta
cli-not-sent = No se envió: { $reason }.
cli-done = { $action ->
    [cancel] cancelación solicitada
   *[delete] eliminado
}: { $job }
cli-refused = rechazado: { $action ->
    [cancel] cancelar
   *[delete] eliminar
} { $job }: { $reason }
cli-failed = { $action ->
    [cancel] error al cancelar
   *[delete] error al eliminar
} { $job }: { $message }
cli-job = { $name } (grupo de recursos { $group }, suscripción { $subscription })
cli-about-to-delete = Se va a eliminar:
cli-delete-prompt = ¿{ $count ->
    [one] Eliminarlo
   *[other] Eliminarlos
}? [s/N]
cli-yes-answers = s, sí, si
cli-gone = ya no existe: { $job }
cli-unknown = desconocido
cli-finished = { $state }: { $job }; Azure lo elimina después del { $retention }
cli-interrupted = interrumpido; la cancelación de { $job } sigue solicitada y Azure la lleva a cabo
cli-timed-out = se agotó el tiempo de espera; { $job } está en el estado { $state }, su cancelación sigue solicitada
cli-read-failed = error al leer { $job }: { $error }
cli-no-drives = no se informó de ninguna unidad
cli-not-unique = no se pudieron leer todas las suscripciones, así que no se puede saber si { $names } es único; no se hizo nada
cli-no-job = no hay ningún trabajo llamado { $name } en las suscripciones leídas
cli-no-job-in-group = no hay ningún trabajo llamado { $name } en el grupo de recursos { $group } de las suscripciones leídas
cli-ambiguous = el nombre { $name } es ambiguo; indique --resource-group o --subscription. Candidatos:
cli-candidate = suscripción { $subscription }  grupo de recursos { $group }  nombre { $name }
cli-no-subscription = la identidad no ve ninguna suscripción utilizable; indique una con --subscription
cli-cannot-list-subscriptions = no se pueden listar las suscripciones: { $error }
cli-delete-needs-yes = eliminar pide confirmación y la entrada estándar no es un terminal; añada --yes para eliminar sin preguntar
cli-not-confirmed = sin confirmar; no se eliminó nada
cli-earlier-action = una acción anterior: { $text }
cli-requested = solicitada
show-name = nombre
show-resource-group = grupo de recursos
show-subscription = suscripción
show-state = estado
show-cancel-requested = cancelación solicitada
show-type = tipo
show-location = ubicación
show-storage-account = cuenta de almacenamiento
show-progress = progreso
show-bytes = bytes copiados
show-created = creado
show-modified = última modificación
show-cancel = cancelar
show-delete = eliminar
show-drives = unidades
show-not-reported = (no informadas)
show-none = ninguna
show-allowed = permitido
show-not-allowed-because = no permitido: { $reason }
show-not-allowed = no permitido

## --help (Spanish and Italian only: the English help is the flags' doc comments)

help-about = Administre trabajos de Azure Import/Export: lístelos, cancélelos y elimínelos cuando Azure lo permita, y vea lo que hace realmente una cancelación.
help-long-about = Administre trabajos de Azure Import/Export: lístelos, cancélelos y elimínelos cuando Azure lo permita, y vea lo que hace realmente una cancelación.

    Si no hay nada de Azure configurado, iejobs inicia un emulador local de la API de Import/Export con datos de demostración y se conecta a él por HTTP, como lo haría con Azure.
help-settings = CONFIGURACIÓN
      Cada opción viene de un argumento, si no de una variable de entorno IEJOBS_*, si no del archivo de configuración (TOML), si no de su valor predeterminado. Claves: cloud, endpoint, auth, tenant-id, client-id, subscriptions, poll-secs, fast-poll-secs, read-budget, api-version, notifications, language (system | en | es | it).
help-flag-config = El archivo de configuración [env: IEJOBS_CONFIG] [predeterminado: ~/.config/iejobs/config.toml]
help-flag-emulator = Usar el emulador integrado aunque Azure esté configurado.
help-flag-print-config = Mostrar la configuración vigente, con el origen de cada valor, y salir.
help-flag-cloud = Nube de Azure: public, usgov o china [env: IEJOBS_CLOUD]
help-flag-endpoint = Punto de conexión de Azure Resource Manager, en lugar del de la nube; https, o http en la interfaz de bucle invertido [env: IEJOBS_ENDPOINT]
help-flag-auth = Inicio de sesión: auto, azure-cli, service-principal, managed-identity, workload-identity o token [env: IEJOBS_AUTH]
help-flag-tenant-id = Inquilino en el que iniciar sesión [env: IEJOBS_TENANT_ID]
help-flag-client-id = Id. de cliente de una identidad administrada asignada por el usuario, o de la aplicación si AZURE_CLIENT_ID no está definido [env: IEJOBS_CLIENT_ID]
help-flag-subscription = Una suscripción cuyos trabajos se listan; repítalo para varias [env: IEJOBS_SUBSCRIPTIONS, separadas por comas]
help-flag-poll-secs = Segundos mínimos entre dos listas completas de una suscripción [env: IEJOBS_POLL_SECS]
help-flag-fast-poll-secs = Segundos entre lecturas de los trabajos que avanzan [env: IEJOBS_FAST_POLL_SECS]
help-flag-read-budget = Lecturas por suscripción y hora que puede gastar el sondeo, o "unlimited" [env: IEJOBS_READ_BUDGET]
help-flag-api-version = La api-version de Microsoft.ImportExport [predeterminada: 2020-08-01] [env: IEJOBS_API_VERSION]
help-flag-lang = Idioma de la ventana y los comandos: system, en, es o it [env: IEJOBS_LANG]
help-flag-emulator-scenario = Los trabajos del emulador integrado: demo, empty, load:N o un archivo JSON de trabajos.
help-flag-emulator-speed = Segundos simulados por segundo real del emulador integrado (0 detiene su reloj).
help-audit = El registro de auditoría: cada cancelación y eliminación enviada, desde la ventana o la línea de comandos, con su resultado y el id. de solicitud de Azure.
help-arg-since = Solo las líneas desde esta fecha u hora (2026-11-30, o RFC 3339).
help-arg-output = El formato del resultado.
help-jobs = Listar, mostrar, cancelar, eliminar y seguir trabajos desde la línea de comandos.
help-jobs-list = Listar los trabajos de todas las suscripciones supervisadas (todas las páginas).
help-jobs-show = Mostrar un trabajo con sus unidades y lo que se puede hacer con él.
help-jobs-cancel = Solicitar la cancelación de trabajos (solo antes de Packaging) y, opcionalmente, esperar al final.
help-jobs-delete = Eliminar trabajos (solo en Creating o Completed).
help-jobs-watch = Seguir los cambios de los trabajos hasta Ctrl-C: una tabla en vivo en un terminal, una línea por cambio en otro caso.
help-arg-resource-group = El grupo de recursos de los trabajos, si un nombre no es único.
help-arg-state = Solo los trabajos en este estado (sin distinguir mayúsculas); repítalo para varios.
help-arg-cancel-pending = Solo los trabajos con una cancelación solicitada.
help-arg-name = El nombre del trabajo.
help-arg-names = Los nombres de los trabajos.
help-arg-wait = Seguir cada unidad (bytes desde la solicitud, velocidad) hasta que el trabajo esté en Completed o Closed y mostrar la fecha en que Azure lo elimina.
help-arg-timeout = Dejar de esperar pasado este tiempo ("90s", "30m", "2h", o segundos).
help-arg-yes = Eliminar sin preguntar (obligatorio si la entrada estándar no es un terminal).
help-arg-watch-names = Solo estos trabajos (predeterminado: todos).
help-exit-codes = CÓDIGOS DE SALIDA
      0    hecho
      1    error del servicio (el código y el mensaje de ARM en stderr), o trabajo no encontrado
      2    uso: un argumento o una opción incorrectos, un nombre ambiguo, delete sin --yes fuera de un terminal
      3    rechazado por las reglas (Cancelar solo antes de Packaging, Eliminar solo en Creating o Completed) o no confirmado: no se envió nada
      4    error al iniciar sesión
      5    parcial: algunas suscripciones o trabajos fallaron, los demás se hicieron o se mostraron
      124  cancel --wait: se agotó el tiempo de espera (la cancelación sigue solicitada)
      130  cancel --wait: interrumpido (Ctrl-C; la cancelación sigue solicitada)

## The settings window

settings-title = Configuración
settings-connection = Conexión
settings-next-start = Se aplica en el próximo inicio. Los secretos nunca se guardan: un secreto de cliente se queda en AZURE_CLIENT_SECRET y un token en IEJOBS_ACCESS_TOKEN.
settings-emulator = Emulador local
settings-cloud = Nube
settings-endpoint = Punto de conexión
settings-sign-in = Inicio de sesión
settings-tenant = Id. de inquilino
settings-tenant-hint = del inicio de sesión
settings-client = Id. de cliente
auth-auto = auto: IEJOBS_ACCESS_TOKEN; si no, una entidad de servicio de las variables AZURE_*; si no, una identidad de carga de trabajo o administrada; si no, la CLI de Azure.
auth-azure-cli = azure-cli: la cuenta de `az login` en este equipo.
auth-service-principal = service-principal: AZURE_TENANT_ID, AZURE_CLIENT_ID y AZURE_CLIENT_SECRET del entorno.
auth-managed-identity = managed-identity: la identidad de la máquina virtual de Azure o de App Service donde se ejecuta iejobs.
auth-workload-identity = workload-identity: AZURE_FEDERATED_TOKEN_FILE, AZURE_CLIENT_ID, AZURE_TENANT_ID (Kubernetes).
auth-token = token: un token de portador en IEJOBS_ACCESS_TOKEN; no se renueva.
settings-subscriptions = Suscripciones
settings-list-again = Volver a listar
settings-list-again-hover = Preguntar a Azure Resource Manager qué suscripciones ve esta identidad
settings-list-failed = No se pudieron listar las suscripciones: { $error }
settings-every-subscription = Todas las suscripciones que puede usar esta identidad
settings-listing = Listando suscripciones…
settings-disabled-subscription = Azure no lista los trabajos de una suscripción deshabilitada o eliminada
settings-not-listed = { $id }  ·  no aparece para esta identidad
settings-add-by-id = Agregar por id.
settings-add = Agregar
settings-id-looks-like = Un id. de suscripción tiene la forma 00000000-0000-0000-0000-000000000000
settings-polling = Sondeo
settings-read-budget = Límite de lecturas (lecturas por hora y suscripción)
settings-unlimited = sin límite
settings-read-budget-hover = El sondeo gasta como máximo estas lecturas por hora en cada suscripción (0: sin límite). Los límites propios de Azure Resource Manager se comparten con el portal, la CLI y sus scripts; { $budget } por hora es el valor predeterminado en Azure. La primera lista y Actualizar pueden ir más rápido, hasta 12 lecturas por segundo.
settings-notifications = Notificaciones de escritorio
settings-notifications-hover = Una notificación de escritorio cuando se completa una cancelación, se confirma una eliminación, falla una acción o el servicio lleva 5 minutos inaccesible; la ventana también pide atención. Se aplica de inmediato.
settings-language = Idioma
settings-language-system = Como el sistema ({ $language })
settings-language-hover = El idioma de la ventana y de los comandos; los nombres de los trabajos, los estados y los mensajes de Azure se quedan como los envía Azure. Se aplica de inmediato (los textos ya escritos, como los del registro de actividad, no cambian).
settings-full-listing = Lista completa cada (s)
settings-moving-jobs = Trabajos en curso cada (s)
settings-tick-one = Marque al menos una suscripción o supervise todas.
settings-overridden = { $key } lo define { $origin }, que tiene prioridad sobre el archivo en el próximo inicio.
settings-apply-hover = Supervisar estas suscripciones y sondear con estos intervalos ahora
settings-fix-first = Corrija primero la configuración anterior
settings-save = Guardar
settings-save-hover = Aplicar y escribir esta configuración en { $path }
settings-no-folder = Esta plataforma no tiene carpeta de configuración; use argumentos o variables IEJOBS_*
settings-nothing-to-write = Aplicado. Nada que escribir en { $path }: no cambió ninguna opción guardada en el archivo.
settings-saved-keys = Se guardó { $keys } en { $path } a las { $time }; el resto del archivo no cambió.
settings-saved = Guardado en { $path } a las { $time }
settings-not-saved = No se guardó: { $error }
origin-flag = un argumento
origin-env = el entorno
origin-file = el archivo de configuración
origin-default = el valor predeterminado

## About, shortcuts, where the jobs come from, theme, notices

about-description = Administre trabajos de Azure Import/Export: lístelos, cancélelos, elimínelos y vea cómo se completan las cancelaciones.
close = Cerrar
about-logs = Archivos de registro
about-no-logs = ninguno: los registros van solo a stderr
about-data = Datos (historial, registro de auditoría)
about-no-data = ninguna: esta plataforma no tiene carpeta de datos
about-config = Archivo de configuración
about-no-config = ninguno: esta plataforma no tiene carpeta de configuración
shortcuts-title = Métodos abreviados de teclado
shortcuts-note = Las teclas actúan sobre la tabla salvo que un campo de texto tenga el foco.
shortcut-refresh = Listar ahora todos los trabajos
shortcut-filter = Filtrar la tabla
shortcut-select-all = Seleccionar todas las filas mostradas
shortcut-move = Ir a la fila de arriba o de abajo
shortcut-page = Avanzar o retroceder una pantalla
shortcut-home-end = Ir a la primera o a la última fila
shortcut-extend = Ampliar la selección al moverse
shortcut-enter = Mostrar el trabajo enfocado (se vuelve a leer completo)
shortcut-delete = Eliminar los trabajos seleccionados (pregunta antes)
shortcut-copy = Copiar las filas seleccionadas como texto separado por tabulaciones, para una hoja de cálculo
shortcut-export = Exportar las filas mostradas a CSV o JSON
shortcut-escape = Cerrar el cuadro de diálogo o la ventana; si no, anular la selección
shortcut-click = Agregar una fila a la selección; seleccionar un intervalo
shortcut-help = Esta lista
source-demo = datos de demostración
source-scenario = escenario { $scenario }
source-emulator = Emulador local: { $data }, reloj x{ $speed } ({ $url })
source-azure = { $endpoint } como { $identity }
theme-system = Como el sistema
theme-light = Claro
theme-dark = Oscuro
notice-no-config-folder = No hay carpeta de configuración donde guardar.
notice-not-possible = { $action ->
    [cancel] No se puede cancelar
   *[delete] No se puede eliminar
} ninguno de los trabajos seleccionados.
notice-delete-select-first = Eliminar: seleccione primero un trabajo
notice-delete-not-possible = No se puede eliminar: { $reason }

## Export and copy

export-done = Se exportaron { $jobs } a { $path }
export-exporting = Exportando { $jobs } a { $path }…
copy-nothing = Nada que copiar: seleccione primero algunas filas.
copy-done = Se copiaron { $jobs }
copy-done-hidden = Se copiaron { $jobs }; se omitieron { $count } ocultos por los filtros
export-cannot-create = No se puede crear { $path }: { $error }
export-cannot-write = No se puede escribir { $path }: { $error }
export-cannot-start = No se puede iniciar la exportación: { $error }
export-stopped = La exportación se detuvo sin dar explicaciones.
export-dialog-title = Exportar los trabajos
export-title = Exportar trabajos
export-rows = Las { $count } filas que muestra la tabla, en su orden (con filtros y orden aplicados).
export-file = Archivo:
export-browse = Examinar…
export-browse-hover = Elegir el archivo en el cuadro de diálogo Guardar del sistema
export-browse-waiting = Esperando al cuadro de diálogo Guardar del sistema
export-format = Formato:
export-exists = El archivo existe: Guardar lo reemplaza.
export-busy = La última exportación aún se está escribiendo
export-type-path = Escriba primero la ruta del archivo
export-cancel = Cancelar
export-no-file = No se eligió ningún archivo (o no hay un cuadro de diálogo de archivos del sistema): escriba la ruta arriba.
cli-subscription-not-listed = no se pudo listar la suscripción { $subscription }: { $error }
cli-subscription-skipped = suscripción { $subscription }: omitido: { $error }
cli-listing-progress = listando { $subscription }: página { $page }, { $count } trabajos hasta ahora
cli-bad-since = { $value } no es una fecha (2026-11-30) ni una hora RFC 3339
cli-no-audit-folder = esta plataforma no tiene carpeta de datos, así que no hay registro de auditoría
cli-audit-empty = ninguna línea en { $path }
audit-col-time = HORA
audit-col-origin = ORIGEN
audit-col-identity = IDENTIDAD
audit-col-action = ACCIÓN
audit-col-job = TRABAJO
audit-col-outcome = RESULTADO
audit-col-code = CÓDIGO
audit-col-request-id = ID. DE SOLICITUD
audit-outcome-sending = enviando (aún sin resultado)
audit-outcome-confirmed = confirmado
audit-outcome-failed = con error
list-col-name = NOMBRE
list-col-resource-group = GRUPO DE RECURSOS
list-col-subscription = SUSCRIPCIÓN
list-col-state = ESTADO
list-col-cancel = CANCELACIÓN
list-col-type = TIPO
list-col-location = UBICACIÓN
list-col-progress = PROGRESO
drives-col-drive = UNIDAD
drives-col-copy-status = ESTADO DE COPIA
drives-col-percent = PORCENTAJE
drives-col-bytes = BYTES
cli-cannot-poll = no se puede iniciar el sondeo: { $error }
cli-subscription-unreadable = no se puede leer la suscripción { $subscription }: { $message }
cli-watch-footer = { $count } trabajos, leídos { $time }; Ctrl-C para salir
cli-bad-duration = { $value } no es una duración como 90s, 30m o 2h: { $error }
cli-negative-duration = { $value } es negativo
cli-cannot-start = no se puede iniciar: { $error }
main-bad-endpoint = punto de conexión incorrecto { $endpoint }
main-window-failed = no se pudo abrir la ventana: { $error } (WAYLAND_DISPLAY={ $wayland }, DISPLAY={ $display })
main-config-unusable = el archivo de configuración indicado por { $named_by } no se puede usar
main-emulator-failed = no se puede iniciar el emulador integrado
main-window-title = iejobs: trabajos de Azure Import/Export

## The worker's refusals (the command line tells them by their first words)

worker-not-sent-prefix = No se envió
worker-gone-not-sent = El trabajo ya no existe; no se envió nada.
worker-unread-not-sent = No se pudo leer el estado actual del trabajo, así que no se envió nada: { $error }
worker-not-sent-changed = No se envió: { $reason } (cambió desde que la ventana lo mostró).
worker-not-sent-audit = No se envió: no se puede escribir el registro de auditoría ({ $error }).

## Settings that cannot be used (config file, environment, flags, the Settings window)

config-unknown-cloud = nube desconocida { $value }; use public, usgov o china (o defina endpoint para otra nube)
config-unknown-auth = método de inicio de sesión desconocido { $value }; use uno de { $names }
config-not-seconds = { $value } no es un número entero de segundos
config-not-reads = { $value } no es un número de lecturas por hora (ni "unlimited")
config-unknown-key = clave desconocida { $key }
config-at-least-second = { $key } = 0 ({ $origin }): debe ser al menos 1 segundo
config-at-most-day = { $key } = { $value } ({ $origin }): debe ser como máximo { $most } segundos (un día)
config-api-version = api-version = { $value } ({ $origin }): se esperaba una fecha como { $default } (conocidas: { $known })
config-not-switch = { $value } no es true ni false
config-endpoint-user-info = endpoint ({ $origin }): el punto de conexión contiene un nombre de usuario o una contraseña (no se muestran); quítelos: iejobs inicia sesión con tokens, así que ponga las credenciales en AZURE_CLIENT_SECRET o IEJOBS_ACCESS_TOKEN
config-read-budget-range = read-budget = { $value } ({ $origin }): debe estar entre { $least } y { $most } lecturas por hora, o ser 0 ("unlimited") para no tener límite
config-not-subscription = subscriptions: { $value } ({ $origin }) no es un id. de suscripción; tiene la forma 00000000-0000-0000-0000-000000000000
config-not-id = { $key } = { $value } ({ $origin }): se esperaba un id. como 00000000-0000-0000-0000-000000000000

## The config file (config::file): where a problem is, what a key takes, the header of a
## new file. $at is "line L, column C: " or nothing; $likely is the key in quotes.

config-file-at = línea { $line }, columna { $column }
config-file-not-folder = el archivo de configuración { $path } no puede existir: { $file } es un archivo, no una carpeta
config-file-unreadable = no se puede leer el archivo de configuración { $path }: { $error }
config-file-secret-key = la clave { $key } contendría un secreto y no se acepta (su valor no se muestra); ponga los secretos de cliente en AZURE_CLIENT_SECRET y los tokens en IEJOBS_ACCESS_TOKEN
config-file-expected = { $key } = { $value }: se esperaba { $expected }
config-expect-cloud = public, usgov o china
config-expect-endpoint = una URL entre comillas, como "https://management.azure.com"
config-expect-auth = auto, azure-cli, service-principal, managed-identity, workload-identity o token
config-expect-id = un id. entre comillas
config-expect-subscriptions = una lista de id. de suscripción entre comillas, como ["00000000-0000-0000-0000-000000000000"]
config-expect-seconds = un número entero de segundos
config-expect-reads = un número entero de lecturas por hora (0: sin límite)
config-expect-date = una fecha entre comillas, como "2020-08-01"
config-expect-switch = true o false
config-expect-language = "system", "en", "es" o "it"
config-file-did-you-mean = clave desconocida { $key }; ¿quería decir { $likely }?
config-file-unknown-key = clave desconocida { $key }; las claves son { $keys }
config-file-unreadable-unchanged = no se puede leer el archivo de configuración { $path }: { $error }; no se modificó
config-file-not-toml = el archivo de configuración { $path } no se puede leer como TOML ({ $at }{ $error }); no se modificó: corríjalo o muévalo a otra ubicación
config-file-not-saved = la configuración no se guardó: { $path } no sería un archivo de configuración válido: { $problems }
config-file-cannot-save = no se puede guardar la configuración en { $path }: { $error }
config-file-header =
    # Configuración de iejobs. Prioridad: opción de la línea de comandos > variable de entorno
    # IEJOBS_* > este archivo.
    # Claves: cloud (public | usgov | china), endpoint, auth (auto | azure-cli | service-principal |
    # managed-identity | workload-identity | token), tenant-id, client-id, subscriptions,
    # poll-secs, fast-poll-secs, read-budget, api-version, notifications (true | false),
    # language (system | en | es | it).
    # Los secretos nunca van aquí: use AZURE_CLIENT_SECRET o IEJOBS_ACCESS_TOKEN. La ventana
    # Configuración solo cambia las claves que cambie en ella; se conservan sus comentarios, su
    # formato y las demás claves.

## The worker's lines for the activity log, the status bar and the window's warnings.
## $finding is one of the worker-finding-* texts; $how one of the worker-listed-* texts.

worker-busy = el proceso en segundo plano está ocupado; inténtelo de nuevo en un momento
worker-stopped = el proceso en segundo plano se ha detenido
worker-save-interrupted = el guardado se interrumpió: { $error }
worker-history-not-history = no es un archivo de historial ({ $error })
worker-history-unreadable = no se puede leer ({ $error })
worker-history-not-loaded-kept = No se cargó el historial de estados { $path }: { $error }. Se conservó como { $aside }; empieza un historial nuevo.
worker-history-not-loaded-left = No se cargó el historial de estados { $path }: { $error }. No se pudo apartar ({ $reason }), así que se deja como está y el historial de esta ejecución no se guarda.
worker-history-cannot-save = No se puede guardar el historial de estados en { $path }: { $error }. Se mantiene en memoria y se vuelve a intentar guardar cada 10 segundos.
worker-history-saved-again = El historial de estados vuelve a guardarse en { $path }
worker-audit-unreadable = No se puede leer el registro de auditoría: { $error }
worker-recovered = La ejecución que envió la solicitud se detuvo antes de recibir la respuesta; comprobado en el siguiente inicio: { $finding }.
worker-finding-cancel-shown = el trabajo ahora muestra su solicitud de cancelación
worker-finding-no-cancel = el trabajo no muestra ninguna solicitud de cancelación
worker-finding-still-exists = el trabajo sigue existiendo
worker-finding-gone = el trabajo ya no existe
worker-finding-other-endpoint = desconocido: se envió a otro punto de conexión, que ya no se usa aquí
worker-listed-on-two-pages = en dos páginas de una misma lista
worker-listed-times = { $count } veces en una página ({ $states })
worker-listed-more-than-once = El servicio listó { $key } { $how }; se conserva el último. (Se indica una sola vez: es una anomalía del servicio, no un cambio del trabajo).
arm-throttled-not-sent = No se envió: Azure Resource Manager limitó esta suscripción y pidió esperar { $seconds } s más antes de la siguiente solicitud.

## The keys in the shortcuts list, as the language's keyboards print them.

keys-refresh = F5, Ctrl+R
keys-filter = Ctrl+F
keys-select-all = Ctrl+A
keys-move = Flecha arriba, Flecha abajo
keys-page = Re Pág, Av Pág
keys-home-end = Inicio, Fin
keys-extend = Mayús+Flecha arriba, Mayús+Flecha abajo, …
keys-enter = Entrar
keys-delete = Supr
keys-copy = Ctrl+C
keys-export = Ctrl+E
keys-escape = Esc
keys-click = Ctrl+clic, Mayús+clic
keys-help = F1, ?

## The ARM client's errors (arm::error, arm::token, arm::convert, auth, audit)

arm-err-decode = HTTP { $status }: la respuesta no es un { $what } válido: { $detail }{ $ids }
arm-err-body-too-large = la respuesta supera los { $limit } bytes y no se leyó
arm-err-transport = { $method } { $path } falló tras { $attempts ->
    [one] { $attempts } intento
   *[other] { $attempts } intentos
}: { $detail }
arm-err-foreign-next-link = el servicio envió un vínculo a la página siguiente hacia { $link }, no hacia el punto de conexión { $endpoint }; no se siguió, así que el token de acceso no sale del punto de conexión
arm-err-next-link-loop = el servicio envió dos veces el mismo vínculo a la página siguiente ({ $link }); la lista se detuvo en lugar de repetirse sin fin
arm-err-bad-next-link = el servicio envió un vínculo a la página siguiente que no es una URL válida: { $link }
arm-err-too-many-pages = la lista se detuvo tras { $pages } páginas
arm-err-invalid-endpoint = punto de conexión no válido: { $reason }
arm-err-unauthorized = Azure rechazó las credenciales de { $identity }{ $refreshed ->
    [yes] { " " }incluso con un token recién emitido
   *[no] {""}
}: { $api }. Vuelva a iniciar sesión (con la CLI de Azure: az login) o compruebe que esta identidad puede leer la suscripción
arm-err-token = no se pudo obtener un token de acceso: { $reason }
arm-err-bad-id = llegó un trabajo sin un identificador de recurso válido (se recibió { $id })
auth-err = no se puede iniciar sesión con { $method }: { $reason }
audit-err = el registro de auditoría { $path }: { $reason }
